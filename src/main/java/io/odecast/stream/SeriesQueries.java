package io.odecast.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read-only questions to this instance's state stores (Kafka Streams interactive queries): the series
 * it holds, a series' recent history, its latest forecast and its model version. Only the partitions
 * this instance runs are visible; routing a question to the right instance is the caller's job.
 */
public final class SeriesQueries {

    /** What the live page and {@code /api/series} show of a series. */
    public record SeriesStatus(String series, List<String> variables, int count, double latestTime,
                               long modelVersion) {
    }

    private final KafkaStreams streams;

    public SeriesQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every series on this instance's active partitions, in key order. */
    public List<SeriesStatus> localSeries() {
        List<SeriesStatus> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store(OdecastTopology.SERIES_STORE, String.class).all()) {
            while (it.hasNext()) {
                SeriesMeta m = SeriesMeta.fromBytes(it.next().value);
                out.add(new SeriesStatus(m.series(), m.variables(), m.count(), m.latestTime(), modelVersion(m.series())));
            }
        }
        return out;
    }

    /** The latest {@code limit} observations of a series held here, in time order. */
    public Optional<SeriesHistory> recent(String series, int limit) {
        byte[] meta = store(OdecastTopology.SERIES_STORE, String.class).get(series);
        if (meta == null) {
            return Optional.empty();
        }
        return Optional.of(HistoryStore.read(store(OdecastTopology.HISTORY_STORE, Bytes.class),
                SeriesMeta.fromBytes(meta), limit));
    }

    /** The latest forecast record's value (JSON bytes) of a series held here. */
    public Optional<byte[]> latestForecast(String series) {
        return Optional.ofNullable(store(OdecastTopology.FORECASTS_STORE, String.class).get(series));
    }

    /** The series' model version in the global models store; -1 when it has none. */
    public long modelVersion(String series) {
        byte[] stored = store(OdecastTopology.MODELS_STORE, String.class).get(series);
        return stored == null ? -1 : ModelLoader.version(stored);
    }

    private <K> ReadOnlyKeyValueStore<K, byte[]> store(String name, Class<K> keyType) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, byte[]>keyValueStore()));
    }
}
