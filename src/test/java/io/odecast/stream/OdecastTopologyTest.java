package io.odecast.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.forecast.ForecastCurve;
import io.odecast.nn.Activation;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import io.odecast.train.NeuralOdeModel;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology, driven record by record. */
class OdecastTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamSettings SETTINGS = StreamSettings.defaults()
            .withRetraining(5, Duration.ZERO, 4, Duration.ofSeconds(5)).withForecast(3.0, 7);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> observations;
    private TestInputTopic<String, byte[]> models;
    private TestOutputTopic<byte[], byte[]> forecasts;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<byte[], byte[]> evaluations;
    private final List<String> retrainRequests = new ArrayList<>();

    @BeforeEach
    void start() {
        open(SETTINGS, "base");
    }

    /**
     * A driver of the production topology on {@code settings} (state under {@code name}), replacing the
     * current one, with every topic the tests read; retraining requests are recorded as
     * {@code series@size/v<current version>}.
     */
    private void open(StreamSettings settings, String name) {
        if (driver != null) {
            driver.close();
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "odecast-test-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        retrainRequests.clear();
        RetrainRequests capture = (history, current) -> retrainRequests.add(history.series() + "@" + history.size() + "/v"
                + (current == null ? 0 : current.version()));
        driver = new TopologyTestDriver(OdecastTopology.build(settings, capture, StreamListener.NONE), props);
        observations = driver.createInputTopic(settings.observationsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        models = driver.createInputTopic(settings.modelsTopic(), new StringSerializer(), new ByteArraySerializer());
        forecasts = driver.createOutputTopic(settings.forecastsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(settings.deadLettersTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        evaluations = settings.evaluationsTopic().isEmpty() ? null
                : driver.createOutputTopic(settings.evaluationsTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void observe(String series, double t, double a, double b) {
        observations.pipeInput(bytes(series), bytes("{\"t\": " + t + ", \"values\": {\"a\": " + a + ", \"b\": " + b + "}}"));
    }

    static NeuralOdeModel model() {
        FieldSpec spec = new FieldSpec(2, new int[] {8}, Activation.TANH, new double[] {});
        return new NeuralOdeModel(spec, spec.initialParameters(Initialisation.STANDARD, 3), new double[0],
                new Normaliser(Normaliser.Kind.ZSCORE, new double[] {1, 1}, new double[] {2, 2}), 0,
                List.of("a", "b"), TrainingMode.ANCHORED, OdeMethod.DOPRI5, 1e-6, 1e-6, 2000);
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndOriginalBytes() {
        byte[] garbage = bytes("{not json");
        observations.pipeInput(bytes("s1"), garbage);
        observations.pipeInput((byte[]) null, bytes("{\"t\": 1, \"values\": {\"a\": 1, \"b\": 2}}"));
        observations.pipeInput(new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("{\"t\": 1, \"values\": {\"a\": 1}}"));
        observe("s1", 1, 1, 2);
        observations.pipeInput(bytes("s1"), bytes("{\"t\": 2, \"values\": {\"a\": 1, \"c\": 2}}"));
        observations.pipeInput(bytes("s1"), bytes("{\"t\": 2, \"values\": {\"a\": 1}}"));

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r, ObservationProcessor.REASON_HEADER))
                .containsExactly("unparsable", "bad-key", "bad-key", "unknown-variable", "missing-variable");
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(3), ObservationProcessor.DETAIL_HEADER)).contains("no variable \"c\"");
        assertThat(forecasts.isEmpty()).isTrue();
        // The valid one was kept.
        assertThat(history("s1").size()).isEqualTo(1);
    }

    @Test
    void historyFollowsTheDocumentedRulesAndRetrainingIsRequestedByCount() {
        observe("s", 2, 2, 2);
        observe("s", 1, 1, 1);      // out of order: inserted in time
        observe("s", 2, 5, 5);      // duplicate time: replaces
        assertThat(retrainRequests).isEmpty();
        observe("s", 3, 3, 3);      // 3 observations now, the 4th record: minHistory is 4 distinct times
        observe("s", 4, 4, 4);
        SeriesHistory h = history("s");
        assertThat(h.times()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(h.values()[1]).containsExactly(5.0, 5.0);
        assertThat(retrainRequests).containsExactly("s@4/v0");
        for (int t = 5; t < 10; t++) {
            observe("s", t, t, t);
        }
        assertThat(retrainRequests).containsExactly("s@4/v0", "s@9/v0");
    }

    @Test
    void withAModelEveryAcceptedObservationGetsAForecastFromTheLatestState() throws Exception {
        models.pipeInput("s", new PublishedModel("s", 2, model()).toBytes());
        observe("s", 10, 1.5, 0.5);
        observe("s", 8, 9.0, 9.0);  // out of order: the forecast still starts from t = 10
        List<TestRecord<byte[], byte[]>> out = forecasts.readRecordsToList();
        assertThat(out).hasSize(2);
        for (TestRecord<byte[], byte[]> r : out) {
            JsonNode f = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s");
            assertThat(f.get("series").asText()).isEqualTo("s");
            assertThat(f.get("modelVersion").asLong()).isEqualTo(2);
            assertThat(f.get("issuedAt").asDouble()).isEqualTo(10.0);
            assertThat(f.get("points")).hasSize(7);
            ForecastCurve curve = ForecastCurve.fromJson(f.get("curve"));
            assertThat(curve.valueAt(10.0)[0]).isCloseTo(1.5, within(1e-9));
            assertThat(curve.endTime()).isCloseTo(13.0, within(1e-9));
            double[] expected = model().forecast(10, new double[] {1.5, 0.5}, new double[] {12.0})[0];
            assertThat(curve.valueAt(12.0)[1]).isCloseTo(expected[1], within(1e-4));
        }
        byte[] latest = driver.<String, byte[]>getKeyValueStore(OdecastTopology.FORECASTS_STORE).get("s");
        assertThat(latest).isEqualTo(out.get(1).value());
    }

    @Test
    void anOlderOrUnreadableModelNeverReplacesTheCurrentOne() throws Exception {
        models.pipeInput("s", new PublishedModel("s", 3, model()).toBytes());
        models.pipeInput("s", new PublishedModel("s", 2, model()).toBytes());
        models.pipeInput("s", bytes("{\"format\": \"garbage\"}"));
        observe("s", 1, 1, 1);
        JsonNode f = JSON.readTree(forecasts.readValue());
        assertThat(f.get("modelVersion").asLong()).isEqualTo(3);
    }

    @Test
    void earlierForecastsAreScoredAndLaterForecastsCarryIntervals() throws Exception {
        StreamSettings scoring = SETTINGS.withRetraining(0, Duration.ZERO, 4, Duration.ofSeconds(5))
                .withScoring(new io.odecast.forecast.ScoringSettings(3, 0.8, 0, 50, 3, 0.1, 1000, 0))
                .withEvaluationsTopic("odecast.evaluations");
        open(scoring, "scoring");
        models.pipeInput("s", new PublishedModel("s", 2, model()).toBytes());
        for (int t = 0; t < 8; t++) {
            observe("s", t, 1.5 + 0.1 * t, 1.0 - 0.05 * t);
        }
        List<JsonNode> evals = new ArrayList<>();
        for (byte[] v : evaluations.readValuesToList()) {
            evals.add(JSON.readTree(v));
        }
        // a correction of an observed time is not scored again
        observe("s", 7, 9.9, 9.9);
        assertThat(evaluations.isEmpty()).isTrue();
        // horizon 3 in 3 buckets, one observation per time unit: the forecast issued at t is scored at
        // t+1, t+2, t+3, by the model and two baselines (no seasonal period)
        long modelScores = evals.stream().filter(e -> e.get("method").asText().equals("odecast")).count();
        assertThat(modelScores).isEqualTo(5 * 3 + 2 + 1);
        assertThat(evals.stream().filter(e -> e.get("method").asText().equals("naive")).count()).isEqualTo(modelScores);
        JsonNode first = evals.stream().filter(e -> e.get("method").asText().equals("naive")).findFirst().orElseThrow();
        assertThat(first.get("issuedAt").asDouble()).isEqualTo(0.0);
        assertThat(first.get("t").asDouble()).isEqualTo(1.0);
        assertThat(first.get("bucket").asInt()).isEqualTo(1);
        assertThat(first.at("/errors/a").asDouble()).isCloseTo(0.1, within(1e-12));
        assertThat(first.at("/errors/b").asDouble()).isCloseTo(-0.05, within(1e-12));
        // three model residuals per bucket make intervals; the last forecast has them for every point ahead
        List<byte[]> out = forecasts.readValuesToList();
        JsonNode last = JSON.readTree(out.get(out.size() - 1));
        assertThat(last.at("/intervals/level").asDouble()).isEqualTo(0.8);
        assertThat(last.at("/intervals/bucketWidth").asDouble()).isEqualTo(1.0);
        JsonNode ahead = last.get("points").get(last.get("points").size() - 1);
        assertThat(ahead.at("/lower/a").asDouble()).isLessThanOrEqualTo(ahead.at("/values/a").asDouble());
        assertThat(ahead.at("/upper/a").asDouble()).isGreaterThanOrEqualTo(ahead.at("/values/a").asDouble());
        assertThat(last.get("points").get(0).has("lower")).isFalse(); // lead 0: the observation itself
        JsonNode firstForecast = JSON.readTree(out.get(0));
        assertThat(firstForecast.at("/intervals/halfWidths/0/0").isNull()).isTrue();
        assertThat(firstForecast.get("points").get(1).has("lower")).isFalse();
    }

    @Test
    void aDriftingErrorAsksForRetraining() {
        StreamSettings scoring = SETTINGS.withRetraining(0, Duration.ZERO, 4, Duration.ofSeconds(5))
                .withScoring(new io.odecast.forecast.ScoringSettings(3, 0.8, 0, 50, 3, 0.1, 5, 0))
                .withEvaluationsTopic("odecast.evaluations");
        open(scoring, "drift");
        models.pipeInput("s", new PublishedModel("s", 2, model()).toBytes());
        // first the series follows the model exactly (one-step errors about 0), then it stops moving
        double[] x = {1.5, 1.0};
        for (int t = 0; t < 12; t++) {
            observe("s", t, x[0], x[1]);
            x = model().forecast(t, x, new double[] {t + 1})[0];
        }
        assertThat(retrainRequests).isEmpty();
        int alarmAt = -1;
        for (int t = 12; t < 40 && retrainRequests.isEmpty(); t++) {
            observe("s", t, x[0], x[1]);
            alarmAt = t;
        }
        assertThat(retrainRequests).hasSize(1);
        assertThat(retrainRequests.get(0)).endsWith("/v2");
        assertThat(alarmAt).as("time of the alarm").isBetween(14, 30);
    }

    @Test
    void theFirstStoredObservationFollowsOutOfOrderArrivalsAndEviction() {
        HistoryStore store = new HistoryStore(driver.getKeyValueStore(OdecastTopology.HISTORY_STORE),
                driver.getKeyValueStore(OdecastTopology.SERIES_STORE));
        java.util.function.DoubleFunction<io.odecast.forecast.Observation> at = t ->
                new io.odecast.forecast.Observation("f", t, List.of("a", "b"), new double[] {t, -t});
        store.add(at.apply(5), 10);
        store.add(at.apply(6), 10);
        assertThat(store.first("f")[0][0]).isEqualTo(5.0);
        store.add(at.apply(3), 10); // earlier than the first: becomes the first
        assertThat(store.first("f")[0][0]).isEqualTo(3.0);
        assertThat(store.first("f")[1]).containsExactly(3.0, -3.0);
        for (int t = 7; t <= 14; t++) {
            store.add(at.apply(t), 10);
        }
        // 11 observations over a bound of 10: the oldest one (a tenth of the bound) is dropped
        assertThat(store.first("f")[0][0]).isEqualTo(5.0);
        assertThat(store.first("f")[0][0]).isEqualTo(store.history(store.meta("f")).times()[0]);
        assertThat(store.first("nobody")).isNull();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "chunks of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 7, HistoryStore.CHUNK})
    void theHistoryMatchesAReferenceMapThroughShuffledDuplicatesAndEviction(int chunk) {
        HistoryStore store = new HistoryStore(driver.getKeyValueStore(OdecastTopology.HISTORY_STORE),
                driver.getKeyValueStore(OdecastTopology.SERIES_STORE), chunk);
        java.util.TreeMap<Double, Double> reference = new java.util.TreeMap<>();
        java.util.Random random = new java.util.Random(11);
        int limit = 20;
        for (int i = 0; i < 600; i++) {
            // mostly later times, some out of order (before the earliest too), some repeats of a stored time
            int kind = random.nextInt(10);
            double t = kind < 7 ? i : kind < 9 ? random.nextInt(i + 1) : reference.isEmpty() ? i : reference.firstKey() - 0.5;
            double v = random.nextGaussian();
            HistoryStore.Added added = store.add(new io.odecast.forecast.Observation("r", t, List.of("a"), new double[] {v}), limit);
            assertThat(added.replaced()).as("replaced at %s", t).isEqualTo(reference.containsKey(t));
            reference.put(t, v);
            if (reference.size() > limit) {
                for (int drop = Math.max(reference.size() - limit, limit / 10); drop > 0; drop--) {
                    reference.pollFirstEntry();
                }
            }
            SeriesMeta meta = store.meta("r");
            assertThat(added.meta()).isSameAs(meta);
            assertThat(meta.count()).isEqualTo(reference.size());
            assertThat(meta.firstTime()).as("earliest time in the record after %d", i).isEqualTo(reference.firstKey());
            assertThat(meta.latestTime()).isEqualTo(reference.lastKey());
            assertThat(store.first("r")[0][0]).isEqualTo(reference.firstKey());
            assertThat(store.first("r")[1]).containsExactly(reference.firstEntry().getValue());
            if (i % 50 == 0) {
                assertThat(store.history(meta).times()).as("history after %d", i)
                        .containsExactly(reference.keySet().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        SeriesHistory h = store.history(store.meta("r"));
        assertThat(h.times()).containsExactly(reference.keySet().stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(java.util.Arrays.stream(h.values()).mapToDouble(v -> v[0]).toArray())
                .containsExactly(reference.values().stream().mapToDouble(Double::doubleValue).toArray());
        SeriesHistory tail = HistoryStore.read(driver.getKeyValueStore(OdecastTopology.HISTORY_STORE), store.meta("r"), 7);
        assertThat(tail.times()).containsExactly(reference.keySet().stream().skip(reference.size() - 7)
                .mapToDouble(Double::doubleValue).toArray());
        // a store with cold caches (a restart, or a series evicted from them) reads the same from the records
        HistoryStore cold = new HistoryStore(driver.getKeyValueStore(OdecastTopology.HISTORY_STORE),
                driver.getKeyValueStore(OdecastTopology.SERIES_STORE), chunk);
        assertThat(cold.first("r")[0][0]).isEqualTo(reference.firstKey());
        for (double q : reference.keySet()) {
            assertThat(cold.atOrBefore("r", q + 0.25)).containsExactly(reference.floorEntry(q + 0.25).getValue());
        }
        assertThat(cold.atOrBefore("r", reference.firstKey() - 1)).isNull();
        cold.add(new io.odecast.forecast.Observation("r", 1e6, List.of("a"), new double[] {42}), limit);
        assertThat(cold.history(cold.meta("r")).times()).endsWith(1e6);
    }

    @Test
    void historiesStoredOneObservationPerEntryByEarlierVersionsReadAndGrow() {
        KeyValueStore<Bytes, byte[]> raw = driver.getKeyValueStore(OdecastTopology.HISTORY_STORE);
        KeyValueStore<String, byte[]> records = driver.getKeyValueStore(OdecastTopology.SERIES_STORE);
        for (int t = 1; t <= 5; t++) {
            raw.put(HistoryStore.key("old", t), java.nio.ByteBuffer.allocate(16).putDouble(t).putDouble(-t).array());
        }
        // a format-1 record: no earliest time
        records.put("old", SeriesMetaTest.version1("old", List.of("a", "b"), 5, 5, new double[] {5, -5}, 5, 0));
        HistoryStore store = new HistoryStore(raw, records, 3);
        assertThat(store.history(store.meta("old")).times()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(store.first("old")[1]).containsExactly(1.0, -1.0);
        store.add(new io.odecast.forecast.Observation("old", 6, List.of("a", "b"), new double[] {6, -6}), 5);
        store.add(new io.odecast.forecast.Observation("old", 2.5, List.of("a", "b"), new double[] {2.5, -2.5}), 5);
        // 7 over a bound of 5: the two oldest went
        SeriesHistory h = store.history(store.meta("old"));
        assertThat(h.times()).containsExactly(2.5, 3.0, 4.0, 5.0, 6.0);
        assertThat(h.values()[0]).containsExactly(2.5, -2.5);
        assertThat(store.meta("old").firstTime()).isEqualTo(2.5);
    }

    private SeriesHistory history(String series) {
        HistoryStore store = new HistoryStore(driver.getKeyValueStore(OdecastTopology.HISTORY_STORE),
                driver.getKeyValueStore(OdecastTopology.SERIES_STORE));
        return store.history(store.meta(series));
    }

    @Test
    void historyIsBoundedAndNegativeTimesSortCorrectly() {
        StreamSettings small = new StreamSettings(SETTINGS.observationsTopic(), SETTINGS.forecastsTopic(),
                SETTINGS.modelsTopic(), SETTINGS.deadLettersTopic(), 3.0, 7, 4096, 5, 0, Duration.ZERO, 3,
                SETTINGS.transform(), SETTINGS.training(), SETTINGS.trainingBudget(), java.util.Map.of(),
                SETTINGS.scoring(), "");
        open(small, "small");
        for (double t : new double[] {-1.5, 3, -0.25, 0, 2, -7, 1e6, -0.0}) {
            observe("s", t, t, t);
        }
        observe("s1", 5, 5, 5); // a series whose id extends another's stays apart
        // at most 5 kept: the oldest go; -0.0 is the same time as 0.0 and replaced it
        assertThat(history("s").times()).containsExactly(-0.25, 0.0, 2.0, 3.0, 1e6);
        assertThat(history("s1").times()).containsExactly(5.0);
    }

    @Test
    void perSeriesSettingsFixVariablesAndRetrainingBeforeTheFirstObservation() {
        StreamSettings custom = SETTINGS.withSeries(java.util.Map.of(
                "plant", new SeriesSettings(java.util.Optional.of(List.of("b", "a")), Normaliser.Kind.NONE, 0, 3, 0, List.of()),
                "pump-*", new SeriesSettings(java.util.Optional.empty(), Normaliser.Kind.LOG1P_ZSCORE, 2, 3, 0, List.of())));
        assertThat(custom.forSeries("pump-7").transform()).isEqualTo(Normaliser.Kind.LOG1P_ZSCORE);
        assertThat(custom.forSeries("other").transform()).isEqualTo(SETTINGS.transform());
        open(custom, "series");
        // The configured variables hold from the very first record, in the configured order.
        observations.pipeInput(bytes("plant"), bytes("{\"t\": 1, \"values\": {\"a\": 1}}"));
        assertThat(header(deadLetters.readRecord(), ObservationProcessor.REASON_HEADER)).isEqualTo("missing-variable");
        for (int t = 1; t <= 6; t++) {
            observe("plant", t, t, 10 * t);
            observe("pump-1", t, t, t);
        }
        assertThat(history("plant").variables()).containsExactly("b", "a");
        assertThat(history("plant").values()[0]).containsExactly(10.0, 1.0);
        // plant: first model at 3, never again by count; pump-1: at 3, then every 2.
        assertThat(retrainRequests).containsExactly("plant@3/v0", "pump-1@3/v0", "pump-1@5/v0");
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
