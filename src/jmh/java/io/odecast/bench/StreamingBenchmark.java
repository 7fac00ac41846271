package io.odecast.bench;

import io.odecast.app.EmbeddedKafka;
import io.odecast.app.OdecastService;
import io.odecast.app.ServiceConfig;
import io.odecast.stream.OdecastTopologyTestModels;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.SeriesHistory;
import io.odecast.stream.StreamSettings;
import io.odecast.train.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end streaming benchmark on the embedded broker, in one run: odecast (forecasting every
 * observation) against a pass-through Kafka Streams topology with the same settings (exactly-once v2,
 * same partitions, one stream thread). Throughput: records produced as fast as possible until all
 * outputs are consumed. Latency: producer timestamp to consumer receipt (read_committed), at a steady
 * pace, idle and while a long retraining runs on the training pool. Throughput is measured in rounds after a
 * long warm-up (the forecasting path has much more code to compile than the pass-through: with a short one the
 * JIT compiler's threads took a third of the two cores during the measurement); medians are reported. Sizes
 * are system properties: {@code -Dbench.jvm="-Xmx2g -Dbench.rounds=5 -Dbench.burst=20000 -Dbench.warmup=30000"}.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Dbench.main=io.odecast.bench.StreamingBenchmark -Djmh.args=}
 */
public final class StreamingBenchmark {

    private static final int SERIES = 8;
    /** Records per throughput round, rounds measured (alternating, pass-through first), records of JIT warm-up each. */
    private static final int BURST = Integer.getInteger("bench.burst", 20_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 30_000);
    private static final int PACED = 600;
    private static final int RATE = 100;
    /** Processing guarantee of both topologies: exactly_once_v2 (the default) or at_least_once. */
    private static final String GUARANTEE = System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2);

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Cores the whole process (broker, both applications, benchmark clients) used during the last burst. */
    private static double lastCores;

    private StreamingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("odecast-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            // A retraining long enough to overlap the whole paced run: the seed's network, no early stop.
            TrainingConfig longTraining = TrainingConfig.SEED.withEpochs(100_000).withPatience(100_000);
            StreamSettings settings = StreamSettings.defaults().withForecast(2.0, 5)
                    .withRetraining(0, Duration.ZERO, 1000, Duration.ofSeconds(30))
                    .withTraining(longTraining, io.odecast.train.Normaliser.Kind.ZSCORE);
            ServiceConfig config = ServiceConfig.defaults().withBootstrapServers(bootstrap).withStateDir(dir.resolve("odecast"))
                    .withHttpPort(0).withStream(settings).withKafka(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("bench.in", config.partitions(), (short) 1),
                        new NewTopic("bench.out", config.partitions(), (short) 1))).all().get();
            }
            try (OdecastService service = OdecastService.start(config);
                 KafkaStreams passThrough = passThrough(bootstrap, dir.resolve("pass"), config.partitions());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                         "linger.ms", "1"), new StringSerializer(), new ByteArraySerializer())) {
                for (int s = 0; s < SERIES; s++) {
                    producer.send(new ProducerRecord<>(settings.modelsTopic(), "s" + s,
                            new PublishedModel("s" + s, 1, OdecastTopologyTestModels.model()).toBytes())).get();
                }
                while (service.metrics().modelsLoaded() < SERIES) {
                    Thread.sleep(50);
                }
                int[] clock = new int[1];
                // Warm-up: JIT both paths (a short one measured the compiler, which took a third of the CPU).
                burst(producer, bootstrap, "bench.in", "bench.out", WARM_UP, clock);
                burst(producer, bootstrap, settings.observationsTopic(), settings.forecastsTopic(), WARM_UP, clock);

                double[] passRates = new double[ROUNDS];
                double[] odecastRates = new double[ROUNDS];
                double[] ratios = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    passRates[r] = burst(producer, bootstrap, "bench.in", "bench.out", BURST, clock);
                    double passCores = lastCores;
                    odecastRates[r] = burst(producer, bootstrap, settings.observationsTopic(), settings.forecastsTopic(), BURST, clock);
                    ratios[r] = odecastRates[r] / passRates[r];
                    System.out.printf(Locale.ROOT, "round %d: pass-through %.0f, odecast %.0f records/s (%.0f%%); cores busy %.2f, %.2f%n",
                            r + 1, passRates[r], odecastRates[r], 100 * ratios[r], passCores, lastCores);
                }
                double[] passIdle = paced(producer, bootstrap, "bench.in", "bench.out", clock);
                double[] idle = paced(producer, bootstrap, settings.observationsTopic(), settings.forecastsTopic(), clock);
                startLongTraining(service, settings);
                double[] training = paced(producer, bootstrap, settings.observationsTopic(), settings.forecastsTopic(), clock);
                boolean trainingRan = service.training().pending() > 0;

                System.out.printf(Locale.ROOT, "%nthroughput, %d rounds of %d records as fast as possible (median records/s):%n",
                        ROUNDS, BURST);
                System.out.printf(Locale.ROOT, "  pass-through %8.0f%n  odecast      %8.0f  (median of the rounds' ratios: %.0f%% of pass-through)%n",
                        median(passRates), median(odecastRates), 100 * median(ratios));
                System.out.printf(Locale.ROOT, "latency at %d records/s, produced to consumed (ms):%n", RATE);
                System.out.printf(Locale.ROOT, "  pass-through              p50 %6.1f  p99 %6.1f%n", passIdle[0], passIdle[1]);
                System.out.printf(Locale.ROOT, "  odecast, idle             p50 %6.1f  p99 %6.1f%n", idle[0], idle[1]);
                System.out.printf(Locale.ROOT, "  odecast, while retraining p50 %6.1f  p99 %6.1f  (p99 %.2fx idle; training still running at the end: %s)%n",
                        training[0], training[1], training[1] / idle[1], trainingRan);
            }
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static KafkaStreams passThrough(String bootstrap, Path stateDir, int partitions) throws InterruptedException {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("bench.in", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to("bench.out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-pass-through");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        KafkaStreams streams = new KafkaStreams(b.build(), p);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        running.await(60, TimeUnit.SECONDS);
        return streams;
    }

    private static byte[] observation(int t) {
        return ("{\"t\": " + t + ", \"values\": {\"a\": " + (1.5 + Math.sin(t * 0.1)) + ", \"b\": "
                + (1.5 + Math.cos(t * 0.1)) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Produces {@code n} records as fast as possible; returns records per second until all outputs are read. */
    private static double burst(KafkaProducer<String, byte[]> producer, String bootstrap, String in, String out, int n,
                                int[] clock) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, out)) {
            long start = System.nanoTime();
            long cpuStart = PROCESS.getProcessCpuTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(in, "s" + (i % SERIES), observation(++clock[0])));
            }
            producer.flush();
            int seen = 0;
            while (seen < n) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            long wall = System.nanoTime() - start;
            lastCores = (PROCESS.getProcessCpuTime() - cpuStart) / (double) wall;
            return n / (wall / 1e9);
        }
    }

    /** Produces at a steady {@link #RATE}; returns p50 and p99 latency in ms. */
    private static double[] paced(KafkaProducer<String, byte[]> producer, String bootstrap, String in, String out,
                                  int[] clock) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, out)) {
            List<Double> latencies = new ArrayList<>();
            Thread sender = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; i < PACED; i++) {
                    producer.send(new ProducerRecord<>(in, null, System.currentTimeMillis(), "s" + (i % SERIES),
                            observation(++clock[0])));
                    next += 1_000_000_000L / RATE;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                producer.flush();
            });
            sender.start();
            while (latencies.size() < PACED) {
                for (var r : consumer.poll(Duration.ofMillis(20))) {
                    latencies.add((double) (System.currentTimeMillis() - r.timestamp()));
                }
            }
            sender.join();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]};
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        while (c.assignment().isEmpty()) {
            c.poll(Duration.ofMillis(50));
        }
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
        return c;
    }

    /** A training long enough to overlap the whole paced run: 400 observations, the seed's network, 3000 epochs. */
    private static void startLongTraining(OdecastService service, StreamSettings settings) {
        double[] times = new double[400];
        double[][] values = new double[400][];
        for (int i = 0; i < 400; i++) {
            times[i] = i * 0.25;
            values[i] = new double[] {2 + Math.sin(i * 0.25), 2 + Math.cos(i * 0.3)};
        }
        service.training().request(new SeriesHistory("big", List.of("a", "b"), times, values, 0, 0), null);
    }
}
