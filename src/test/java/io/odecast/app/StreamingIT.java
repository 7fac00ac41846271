package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.StreamSettings;
import io.odecast.train.TrainingConfig;
import io.odecast.train.Normaliser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a real broker: observations in, models trained off the stream threads and
 * published, forecasts out exactly once per accepted observation, dead letters with reasons, HTTP
 * queries from any instance, and a restart that loses nothing. The broker comes from
 * {@link #broker()}: embedded here, a Testcontainers broker in {@link StreamingContainersIT}.
 */
class StreamingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private BrokerBackend broker;
    private final List<OdecastService> services = new ArrayList<>();

    BrokerBackend broker() {
        return BrokerBackend.embedded();
    }

    @BeforeEach
    void startBroker() {
        broker = broker();
    }

    @AfterEach
    void stopAll() {
        services.forEach(OdecastService::close);
        broker.close();
    }

    static StreamSettings settings(int retrainEvery) {
        TrainingConfig quick = new TrainingConfig(io.odecast.train.TrainingMode.ANCHORED, new int[] {16, 16},
                io.odecast.nn.Activation.TANH, new double[] {}, io.odecast.nn.Initialisation.SEED,
                io.odecast.ode.OdeMethod.DOPRI5, 1e-4, 1e-4, 2000, 1e-2, 1e-4, 1.0, io.odecast.train.Loss.MSE, 200, 30,
                0.8, Normaliser.Kind.ZSCORE, false, 2, io.odecast.train.GradientMethod.BACKPROP,
                io.odecast.nn.Backends.Choice.JVM, 1);
        return StreamSettings.defaults().withForecast(2.0, 5)
                .withRetraining(retrainEvery, Duration.ZERO, 10, Duration.ofSeconds(10))
                .withTraining(quick, Normaliser.Kind.ZSCORE);
    }

    private OdecastService service(String name, StreamSettings settings) {
        ServiceConfig config = ServiceConfig.defaults().withBootstrapServers(broker.bootstrapServers())
                .withStateDir(dir.resolve(name)).withHttpPort(0).withStream(settings);
        OdecastService s = OdecastService.start(config);
        services.add(s);
        return s;
    }

    private static String metrics(OdecastService service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static byte[] observation(double t, double a, double b) {
        return ("{\"t\": " + t + ", \"values\": {\"a\": " + a + ", \"b\": " + b + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A smooth oscillation sampled at irregular times. */
    private static double[] point(int i) {
        double t = i * 0.5 + 0.1 * Math.sin(7 * i);
        return new double[] {t, 2 + Math.sin(t), 2 + Math.cos(t)};
    }

    private List<ConsumerRecord<String, byte[]>> consume(String topic, int atLeast, Duration timeout,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline && (out.size() < atLeast || !done.test(out))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more poll: anything beyond what we waited for would be a duplicate
            consumer.poll(Duration.ofMillis(1500)).forEach(out::add);
        }
        return out;
    }

    @Test
    void observationsInModelsTrainedForecastsOutBadRecordsToDeadLetters() throws Exception {
        OdecastService service = service("a", settings(10).withEvaluationsTopic("odecast.evaluations"));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                double[] p = point(i);
                producer.send(new ProducerRecord<>("odecast.observations", "wave", observation(p[0], p[1], p[2])));
            }
            producer.send(new ProducerRecord<>("odecast.observations", "wave", "{oops".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>("odecast.observations", "wave",
                    "{\"t\": 99, \"values\": {\"a\": 1, \"b\": \"x\"}}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            // After the first model arrives, every new observation gets a forecast.
            await(() -> service.metrics().modelsLoaded() > 0, Duration.ofSeconds(60));
            for (int i = 30; i < 40; i++) {
                double[] p = point(i);
                producer.send(new ProducerRecord<>("odecast.observations", "wave", observation(p[0], p[1], p[2])));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, byte[]>> dead = consume("odecast.dead-letters", 2, Duration.ofSeconds(30), l -> true);
        assertThat(dead).extracting(r -> new String(r.headers().lastHeader("odecast.reason").value(), StandardCharsets.UTF_8))
                .containsExactly("unparsable", "wrong-type");
        List<ConsumerRecord<String, byte[]>> forecasts = consume("odecast.forecasts", 10, Duration.ofSeconds(60), l -> true);
        assertThat(forecasts.size()).isGreaterThanOrEqualTo(10);
        JsonNode last = JSON.readTree(forecasts.get(forecasts.size() - 1).value());
        assertThat(last.get("modelVersion").asLong()).isPositive();
        assertThat(last.get("issuedAt").asDouble()).isEqualTo(point(39)[0]);

        // Every forecast is scored against the observations inside its horizon, beside the baselines.
        List<ConsumerRecord<String, byte[]>> evaluations = consume("odecast.evaluations", 20, Duration.ofSeconds(30),
                l -> l.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"odecast\"")));
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (ConsumerRecord<String, byte[]> r : evaluations) {
            JsonNode e = JSON.readTree(r.value());
            methods.add(e.get("method").asText());
            assertThat(r.key()).isEqualTo("wave");
            assertThat(e.get("lead").asDouble()).isPositive().isLessThanOrEqualTo(2.0);
            if (e.get("method").asText().equals("odecast")) {
                assertThat(e.get("modelVersion").asLong()).isPositive();
            }
        }
        assertThat(methods).containsExactly("drift", "naive", "odecast");
        assertThat(metrics(service)).containsPattern("odecast_score_errors_total\\{bucket=\"\\d\",method=\"odecast\"} [1-9]");

        // HTTP: the forecast at any time in the horizon.
        double t = point(39)[0] + 1.0;
        JsonNode answer = get(service.httpPort(), "/series/wave/forecast?t=" + t);
        assertThat(answer.get("values").get("a").asDouble()).isBetween(-10.0, 10.0);
        assertThat(get(service.httpPort(), "/health").get("state").asText()).isEqualTo("RUNNING");
        assertThat(status(service.httpPort(), "/series/wave/forecast?t=1e9")).isEqualTo(422);
        assertThat(status(service.httpPort(), "/series/nobody/forecast?t=1")).isEqualTo(404);

        String metrics = metrics(service);
        assertThat(metrics).contains("odecast_observations_total{outcome=\"accepted\"} 40.0")
                .contains("odecast_dead_letters_total{reason=\"unparsable\"} 1.0")
                .contains("odecast_training_runs_total{outcome=\"published\"}")
                .contains("kafka_stream_");
    }

    @Test
    void aRestartRestoresHistoryAndModelsAndEmitsExactlyOneForecastPerObservation() throws Exception {
        StreamSettings settings = settings(0).withRetraining(0, Duration.ZERO, 1000, Duration.ofSeconds(1));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // A model before the service starts: no training needed in this test.
            OdecastService first = service("first", settings);
            producer.send(new ProducerRecord<>("odecast.models", "wave",
                    new PublishedModel("wave", 1, io.odecast.stream.OdecastTopologyTestModels.model()).toBytes())).get();
            await(() -> first.metrics().modelsLoaded() == 1, Duration.ofSeconds(30));
            for (int i = 0; i < 20; i++) {
                double[] p = point(i);
                producer.send(new ProducerRecord<>("odecast.observations", "wave", observation(p[0], p[1], p[2])));
            }
            producer.flush();
            consume("odecast.forecasts", 20, Duration.ofSeconds(60), l -> l.size() >= 20);
            first.close();
            services.remove(first);
            // While it is down: late (out-of-order) observations, all earlier than the latest one seen.
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("odecast.observations", "wave", observation(0.01 + i * 0.3, 1, 1)));
            }
            producer.flush();
            // A fresh state folder: history must come back from the changelog, models from the models topic.
            OdecastService second = service("second", settings);
            List<ConsumerRecord<String, byte[]>> all = consume("odecast.forecasts", 30, Duration.ofSeconds(60),
                    l -> l.size() >= 30);
            assertThat(all).hasSize(30);
            for (ConsumerRecord<String, byte[]> r : all.subList(20, 30)) {
                JsonNode f = JSON.readTree(r.value());
                assertThat(f.get("issuedAt").asDouble()).as("the latest observation survived the restart")
                        .isEqualTo(point(19)[0]);
                assertThat(f.get("modelVersion").asLong()).isEqualTo(1);
            }
            assertThat(second.metrics().trainingRuns(io.odecast.stream.RetrainListener.Outcome.PUBLISHED)).isZero();
            assertThat(second.metrics().observations()).isEqualTo(10);
        }
    }

    @Test
    void twoInstancesSplitThePartitionsAndAnswerEachOthersQueries() throws Exception {
        StreamSettings settings = settings(0).withRetraining(0, Duration.ZERO, 1000, Duration.ofSeconds(1));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<String> series = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
            OdecastService a = service("a", settings);
            OdecastService b = service("b", settings);
            for (String s : series) {
                producer.send(new ProducerRecord<>("odecast.models", s,
                        new PublishedModel(s, 1, io.odecast.stream.OdecastTopologyTestModels.model()).toBytes())).get();
            }
            await(() -> a.metrics().modelsLoaded() == series.size() && b.metrics().modelsLoaded() == series.size(),
                    Duration.ofSeconds(30));
            for (String s : series) {
                producer.send(new ProducerRecord<>("odecast.observations", s, observation(1.0, 2, 2)));
            }
            producer.flush();
            consume("odecast.forecasts", series.size(), Duration.ofSeconds(60), l -> l.size() >= series.size());
            assertThat(a.metrics().observations() + b.metrics().observations()).isEqualTo(series.size());
            assertThat(a.metrics().observations()).as("both instances took partitions").isPositive();
            assertThat(b.metrics().observations()).isPositive();
            List<String> servedBy = new ArrayList<>();
            for (String s : series) {
                JsonNode answer = get(a.httpPort(), "/series/" + s + "/forecast?t=2.0");
                assertThat(answer.get("series").asText()).isEqualTo(s);
                assertThat(answer.get("t").asDouble()).isCloseTo(2.0, within(0.0));
                servedBy.add(answer.get("servedBy").asText());
            }
            assertThat(servedBy).as("some answers came from the other instance").contains("127.0.0.1:" + b.httpPort());
            assertThat(servedBy).contains("127.0.0.1:" + a.httpPort());
            // every series, from either instance: its own and the other's
            for (OdecastService asked : List.of(a, b)) {
                JsonNode all = get(asked.httpPort(), "/api/series");
                List<String> listed = new ArrayList<>();
                all.get("series").forEach(n -> listed.add(n.get("series").asText()));
                assertThat(listed).containsExactlyInAnyOrderElementsOf(series);
                assertThat(all.get("unreachable")).isEmpty();
                assertThat(get(asked.httpPort(), "/api/series?scope=local").get("series").size())
                        .isLessThan(series.size());
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int status(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
