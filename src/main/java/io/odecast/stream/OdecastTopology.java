package io.odecast.stream;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The production topology:
 * <pre>
 *   observations ──▶ forecaster ──▶ forecasts
 *                       │  ├──────▶ dead letters (reason in headers)
 *                       │  └ history and series stores (changelogged), latest-forecast store (changelogged, queryable)
 *   models (compacted) ──▶ models loader ──▶ global models store (read by the forecaster)
 * </pre>
 */
public final class OdecastTopology {

    public static final String HISTORY_STORE = "odecast-history";
    public static final String SERIES_STORE = "odecast-series";
    public static final String FORECASTS_STORE = "odecast-latest-forecasts";
    public static final String MODELS_STORE = "odecast-models";
    /** Per series: the scoring state (MASE scale, recent residuals for the intervals, drift detector). */
    public static final String SCORES_STORE = "odecast-scores";
    static final String FORECASTS_SINK = "forecasts";
    static final String DEAD_LETTERS_SINK = "dead-letters";
    static final String EVALUATIONS_SINK = "evaluations";

    private OdecastTopology() {
    }

    /** Observations in chunks, each keyed by series and first time (see {@link HistoryStore}). */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> historyStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /** One {@link SeriesMeta} per series. */
    static StoreBuilder<KeyValueStore<String, byte[]>> seriesStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERIES_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    public static Topology build(StreamSettings settings, RetrainRequests retrain, StreamListener listener) {
        Topology t = new Topology();
        t.addSource("observations", new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.observationsTopic());
        t.addProcessor("forecaster", () -> new ObservationProcessor(settings, retrain, listener), "observations");
        // Caching folds the many writes of one key within a commit interval into one store write and one
        // changelog record: every store here changes with every record of a series (the history store in
        // the series' last chunk).
        t.addStateStore(historyStore(), "forecaster");
        t.addStateStore(seriesStore(), "forecaster");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FORECASTS_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), "forecaster");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCORES_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), "forecaster");
        t.addSink(FORECASTS_SINK, settings.forecastsTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                "forecaster");
        t.addSink(DEAD_LETTERS_SINK, settings.deadLettersTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                "forecaster");
        if (!settings.evaluationsTopic().isEmpty()) {
            t.addSink(EVALUATIONS_SINK, settings.evaluationsTopic(), new ByteArraySerializer(), new ByteArraySerializer(),
                    "forecaster");
        }
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODELS_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                "models", new StringDeserializer(), new ByteArrayDeserializer(), settings.modelsTopic(), "models-loader",
                () -> new ModelLoader(listener));
        return t;
    }
}
