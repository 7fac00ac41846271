package io.odecast.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.forecast.ForecastCurve;
import io.odecast.metrics.OdecastMetrics;
import io.odecast.nn.Activation;
import io.odecast.nn.Backends;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import io.odecast.report.ForecastPlots;
import io.odecast.stream.RetrainListener;
import io.odecast.stream.StreamSettings;
import io.odecast.train.GradientMethod;
import io.odecast.train.Loss;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingConfig;
import io.odecast.train.TrainingMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code odecast demo}: the embedded broker and the full service, fed the hare–lynx record and a few
 * noisy, irregularly sampled Lotka–Volterra sensors (and some malformed records), with models trained
 * as the data arrives; then a summary and observed-vs-forecast plots.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param sensors  synthetic sensor series
     * @param points   observations per sensor
     * @param delay    pause between records, so training happens while data flows
     * @param httpPort HTTP port (0: any free one)
     * @param plots    folder for the plots, or null for none
     * @param linger   how long the service (its HTTP port and live page) stays up after the replay;
     *                 an interrupt ends it early
     */
    public record Options(int sensors, int points, Duration delay, int httpPort, Path plots, Duration linger) {
    }

    /** What the demo did. */
    public record Summary(long observations, long forecasts, long deadLetters, long modelsPublished, int series,
                          double wallSeconds, int httpPort, List<Path> plots, Map<String, Double> oneStepMase) {
    }

    private Demo() {
    }

    /**
     * The demo's service settings: forecasts 5 time units ahead, a model per series from 12
     * observations, retrained every 5 (a new model replaces the old one only if it forecasts better);
     * log1p-zscore, since every demo series is a positive count
     * that spends long stretches near zero.
     */
    static StreamSettings settings() {
        TrainingConfig training = new TrainingConfig(TrainingMode.ANCHORED, new int[] {32, 32}, Activation.TANH,
                new double[] {}, Initialisation.SEED, OdeMethod.DOPRI5, 1e-4, 1e-4, 2000, 1e-2, 1e-4, 1.0, Loss.MSE, 300,
                30, 0.8, Normaliser.Kind.ZSCORE, false, 2, GradientMethod.BACKPROP, Backends.Choice.AUTO, 1337);
        StreamSettings s = StreamSettings.defaults().withForecast(5.0, 21)
                .withRetraining(5, Duration.ZERO, 12, Duration.ofSeconds(10))
                .withTraining(training, Normaliser.Kind.LOG1P_ZSCORE);
        // the hare-lynx cycle is about ten years: its seasonal-naive baseline looks one cycle back
        return s.withSeries(Map.of("hudson-bay", s.forSeries("hudson-bay").withSeasonalPeriod(10.0)));
    }

    public static Summary run(Options options, PrintWriter progress) throws Exception {
        long start = System.nanoTime();
        boolean interrupted = false;
        Path state = Files.createTempDirectory("odecast-demo-state-");
        ServiceConfig config = ServiceConfig.defaults().withHttpPort(options.httpPort()).withStateDir(state)
                .withApplicationId("odecast-demo").withStream(settings());
        List<DemoData.Event> events = DemoData.events(options.sensors(), options.points(), 42);
        Map<String, List<DemoData.Event>> bySeries = new LinkedHashMap<>();
        events.forEach(e -> bySeries.computeIfAbsent(e.series(), s -> new ArrayList<>()).add(e));
        List<String> malformed = List.of("{\"t\": 3.0, \"values\": {\"prey\": 1.0", "{\"t\": 4.0, \"values\": {\"prey\": 1.0}}",
                "{\"t\": 5.0, \"values\": {\"prey\": \"NaN\", \"predators\": 2.0}}", "[1, 2, 3]");
        try (OdecastService service = OdecastService.start(config);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(service.clientProperties(Map.of()),
                     new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            progress.printf("odecast demo: Kafka at %s, live page at http://%s:%d/; replaying %d observations of %d series%n",
                    service.bootstrapServers(), config.httpHost(), service.httpPort(), events.size(), bySeries.size());
            String topic = config.stream().observationsTopic();
            long lastReport = System.nanoTime();
            int sent = 0;
            Map<String, Integer> perSeries = new LinkedHashMap<>();
            int firstModelsDue = 0;
            for (int i = 0; i < events.size(); i++) {
                DemoData.Event e = events.get(i);
                producer.send(new ProducerRecord<>(topic, e.series(), e.json().getBytes(StandardCharsets.UTF_8)));
                sent++;
                if (perSeries.merge(e.series(), 1, Integer::sum) == config.stream().minHistory()) {
                    // The series has asked for its first model: let it arrive before replaying on, so the
                    // rest of the series is forecast (a live stream would simply keep flowing).
                    producer.flush();
                    awaitModels(service, ++firstModelsDue, Duration.ofSeconds(20));
                }
                if (i % 40 == 20 && i / 40 < malformed.size()) {
                    producer.send(new ProducerRecord<>(topic, "sensor-1", malformed.get(i / 40).getBytes(StandardCharsets.UTF_8)));
                    sent++;
                }
                Thread.sleep(options.delay().toMillis());
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    report(progress, service, sent);
                    lastReport = System.nanoTime();
                }
            }
            producer.flush();
            long deadline = System.currentTimeMillis() + 60_000;
            OdecastMetrics c = service.metrics();
            while ((c.observations() + c.deadLetters() < sent || service.training().pending() > 0)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            report(progress, service, sent);
            Map<String, List<JsonNode>> forecasts = readForecasts(service, config.stream().forecastsTopic(),
                    c.forecasts(), Duration.ofSeconds(30));
            List<Path> plots = options.plots() == null ? List.of() : plot(bySeries, forecasts, options.plots());
            interrupted = linger(options.linger(), progress, "http://" + config.httpHost() + ":" + service.httpPort() + "/");
            Map<String, Double> mase = new LinkedHashMap<>();
            for (io.odecast.forecast.Method m : io.odecast.forecast.Method.values()) {
                mase.put(m.id(), c.mase(m, 1));
            }
            return new Summary(c.observations(), c.forecasts(), c.deadLetters(), c.trainingRuns(RetrainListener.Outcome.PUBLISHED),
                    bySeries.size(), (System.nanoTime() - start) / 1e9, service.httpPort(), plots, mase);
        } finally {
            deleteQuietly(state);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Keeps the service up; an interrupt ends the wait early. Returns whether it was interrupted: the
     * caller shuts the service down first (its clients refuse to close on an interrupted thread), then
     * restores the flag.
     */
    private static boolean linger(Duration linger, PrintWriter progress, String page) {
        if (linger.isZero() || linger.isNegative()) {
            return false;
        }
        progress.printf("replay done; the service and its live page (%s) stay up for %s (Ctrl-C stops)%n", page, linger);
        progress.flush();
        try {
            Thread.sleep(linger.toMillis());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void awaitModels(OdecastService service, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.metrics().modelsLoaded() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void report(PrintWriter progress, OdecastService service, int sent) {
        OdecastMetrics c = service.metrics();
        progress.printf("  sent %4d | accepted %4d | forecasts %4d | dead letters %2d | models published %2d | training %d%n",
                sent, c.observations(), c.forecasts(), c.deadLetters(), c.trainingRuns(RetrainListener.Outcome.PUBLISHED),
                service.training().pending());
        progress.flush();
    }

    private static Map<String, List<JsonNode>> readForecasts(OdecastService service, String topic, long expected,
                                                             Duration timeout) throws IOException {
        Properties p = service.clientProperties(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "odecast-demo-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (count < expected && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()));
                    count++;
                }
            }
        }
        return out;
    }

    /** Per series: observations, each forecast evaluated at the next observation, and the latest curve. */
    private static List<Path> plot(Map<String, List<DemoData.Event>> bySeries, Map<String, List<JsonNode>> forecasts,
                                   Path folder) {
        List<Path> files = new ArrayList<>();
        for (var entry : bySeries.entrySet()) {
            List<DemoData.Event> events = entry.getValue();
            double[] times = events.stream().mapToDouble(DemoData.Event::time).toArray();
            double[][] observed = events.stream().map(DemoData.Event::values).toArray(double[][]::new);
            List<Double> aheadT = new ArrayList<>();
            List<double[]> ahead = new ArrayList<>();
            ForecastCurve latest = null;
            for (JsonNode f : forecasts.getOrDefault(entry.getKey(), List.of())) {
                ForecastCurve curve = ForecastCurve.fromJson(f.get("curve"));
                latest = curve;
                double issued = f.get("issuedAt").asDouble();
                for (double t : times) {
                    if (t > issued) {
                        if (t <= curve.endTime()) {
                            aheadT.add(t);
                            ahead.add(inOrder(curve.valueAt(t), curve.variables(), events.get(0).variables()));
                        }
                        break;
                    }
                }
            }
            files.addAll(ForecastPlots.write(entry.getKey(), events.get(0).variables(), times, observed,
                    aheadT.stream().mapToDouble(Double::doubleValue).toArray(), ahead.toArray(double[][]::new), latest,
                    folder));
        }
        return files;
    }

    /** {@code values} (in {@code from} order) rearranged into {@code to} order: a series' variables are stored sorted. */
    private static double[] inOrder(double[] values, List<String> from, List<String> to) {
        double[] out = new double[to.size()];
        for (int i = 0; i < to.size(); i++) {
            out[i] = values[from.indexOf(to.get(i))];
        }
        return out;
    }

    /** Removes a temporary folder; a leftover one is harmless. */
    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
