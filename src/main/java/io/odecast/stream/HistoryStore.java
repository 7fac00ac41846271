package io.odecast.stream;

import io.odecast.forecast.Observation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Per-series history in two changelogged stores: one entry per observation, keyed by series and time
 * so a prefix scan reads a series in time order, and one small {@link SeriesMeta} per series. Adding
 * an observation writes a few dozen bytes whatever the history's length. The rules:
 * <ul>
 *   <li>out of order: stored at its place in time;</li>
 *   <li>a duplicate time: the newer values replace the older (the last write wins);</li>
 *   <li>over the bound: the oldest observations are dropped, a tenth of the bound at a time, so the
 *       scan that finds them runs once per many records rather than once per record.</li>
 * </ul>
 */
final class HistoryStore {

    /** Series records kept decoded, most recently used first; the store stays the truth (writes go through). */
    private static final int CACHED_SERIES = 4096;

    private final KeyValueStore<Bytes, byte[]> observations;
    private final KeyValueStore<String, byte[]> series;
    private final java.util.Map<String, SeriesMeta> decoded = Lru.map(CACHED_SERIES);

    HistoryStore(KeyValueStore<Bytes, byte[]> observations, KeyValueStore<String, byte[]> series) {
        this.observations = observations;
        this.series = series;
    }

    /** Each series' earliest stored observation {time}, {values}, kept in step with additions and eviction. */
    private final java.util.Map<String, double[][]> firsts = Lru.map(CACHED_SERIES);

    private boolean replaced;

    /** Whether the last {@link #add} replaced an observation at the same time (the last write wins). */
    boolean lastAddReplaced() {
        return replaced;
    }

    SeriesMeta meta(String id) {
        SeriesMeta m = decoded.get(id);
        if (m == null) {
            byte[] bytes = series.get(id);
            if (bytes == null) {
                return null;
            }
            m = SeriesMeta.fromBytes(bytes);
            decoded.put(id, m);
        }
        return m;
    }

    void put(SeriesMeta meta) {
        series.put(meta.series(), meta.toBytes());
        decoded.put(meta.series(), meta);
    }

    /** Adds {@code o} by the rules above; returns the series' updated record (already stored). */
    SeriesMeta add(Observation o, int limit) {
        String id = o.series();
        SeriesMeta m = meta(id);
        if (m == null) {
            m = SeriesMeta.first(o);
        }
        Bytes key = key(id, o.time());
        // later than every stored time: cannot replace one, and the store need not be asked
        boolean replaces = o.time() <= m.latestTime() && observations.get(key) != null;
        replaced = replaces;
        observations.put(key, pack(o.values()));
        int count = m.count() + (replaces ? 0 : 1);
        boolean latest = o.time() >= m.latestTime();
        double known = m.count() == 0 ? Double.NaN : firstTime(m);
        double first = Double.isNaN(known) ? o.time() : Math.min(known, o.time());
        if (o.time() == first) {
            firsts.put(id, new double[][] {{first}, o.values()});
        }
        if (count > limit) {
            int drop = Math.max(count - limit, limit / 10);
            List<Bytes> oldest = new ArrayList<>(drop);
            // From the earliest stored key, not the series' prefix: RocksDB would step over every deletion
            // left by earlier evictions (until its next compaction) on each seek from the prefix.
            try (KeyValueIterator<Bytes, byte[]> it = observations.range(key(id, first), prefixEnd(id))) {
                while (oldest.size() < drop && it.hasNext()) {
                    oldest.add(it.next().key);
                }
                if (it.hasNext()) {
                    var next = it.next();
                    first = time(next.key);
                    firsts.put(id, new double[][] {{first}, unpack(next.value)});
                } else {
                    first = Double.NaN;
                    firsts.remove(id);
                }
            }
            oldest.forEach(observations::delete);
            count -= oldest.size();
        }
        SeriesMeta updated = new SeriesMeta(m.series(), m.variables(), count, first, latest ? o.time() : m.latestTime(),
                latest ? o.values() : m.latestValues(), m.sinceTraining() + 1, m.lastTrainingMillis());
        put(updated);
        return updated;
    }

    /** The series' earliest stored time: kept in its record, or found once for records written before it was. */
    private double firstTime(SeriesMeta m) {
        if (!Double.isNaN(m.firstTime())) {
            return m.firstTime();
        }
        double[][] first = first(m.series());
        return first == null ? Double.NaN : first[0][0];
    }

    /** The whole stored history of a series, in time order. */
    SeriesHistory history(SeriesMeta meta) {
        return read(observations, meta, Integer.MAX_VALUE);
    }

    /**
     * The latest {@code limit} stored observations of a series, in time order; a read-only store is
     * enough, so interactive queries read histories the same way the processor does.
     */
    static SeriesHistory read(ReadOnlyKeyValueStore<Bytes, byte[]> observations, SeriesMeta meta, int limit) {
        int n = Math.min(limit, meta.count());
        double[] times = new double[n];
        double[][] values = new double[n][];
        int i = 0;
        boolean tail = n < meta.count();
        try (KeyValueIterator<Bytes, byte[]> it = tail
                ? observations.reverseRange(from(meta), prefixEnd(meta.series()))
                : observations.range(from(meta), prefixEnd(meta.series()))) {
            while (i < n && it.hasNext()) {
                var entry = it.next();
                int at = tail ? n - 1 - i : i;
                times[at] = time(entry.key);
                values[at] = unpack(entry.value);
                i++;
            }
        }
        if (i < n) {
            // fewer entries than the series record counts (a store restored mid-change): keep what is there
            int from = tail ? n - i : 0;
            times = java.util.Arrays.copyOfRange(times, from, from + i);
            values = java.util.Arrays.copyOfRange(values, from, from + i);
        }
        return new SeriesHistory(meta.series(), meta.variables(), times, values, meta.sinceTraining(),
                meta.lastTrainingMillis());
    }

    /** The earliest stored observation of a series: time, then values; null when none is stored. */
    double[][] first(String id) {
        double[][] cached = firsts.get(id);
        if (cached != null) {
            return cached;
        }
        SeriesMeta m = meta(id);
        if (m == null || m.count() == 0) {
            return null;
        }
        try (KeyValueIterator<Bytes, byte[]> it = observations.range(from(m), prefixEnd(id))) {
            if (!it.hasNext()) {
                return null;
            }
            var e = it.next();
            double[][] first = {{time(e.key)}, unpack(e.value)};
            firsts.put(id, first);
            return first;
        }
    }

    /** The values of the latest stored observation of a series at or before {@code t}; null when none. */
    double[] atOrBefore(String id, double t) {
        SeriesMeta m = meta(id);
        if (m == null || t < m.firstTime()) {
            return null; // (before the earliest: the range would be empty and RocksDB would warn of it)
        }
        try (KeyValueIterator<Bytes, byte[]> it = observations.reverseRange(from(m), key(id, t))) {
            return it.hasNext() ? unpack(it.next().value) : null;
        }
    }

    /** Every series' record, for the wall-clock retraining check. */
    KeyValueIterator<String, byte[]> allSeries() {
        return series.all();
    }

    /** Series id (UTF-8), a zero byte, then the time as 8 bytes that sort like the double. */
    static Bytes key(String id, double time) {
        byte[] s = id.getBytes(StandardCharsets.UTF_8);
        long bits = Double.doubleToLongBits(time == 0.0 ? 0.0 : time);
        long sortable = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        return Bytes.wrap(ByteBuffer.allocate(s.length + 9).put(s).put((byte) 0).putLong(sortable).array());
    }

    private static double time(Bytes key) {
        byte[] k = key.get();
        long sortable = ByteBuffer.wrap(k, k.length - 8, 8).getLong();
        long bits = sortable ^ (((~sortable) >> 63) | Long.MIN_VALUE);
        return Double.longBitsToDouble(bits);
    }

    /** Where a scan of the series starts: its earliest stored key when known, else the series' prefix. */
    private static Bytes from(SeriesMeta m) {
        return Double.isNaN(m.firstTime()) ? prefixStart(m.series()) : key(m.series(), m.firstTime());
    }

    private static Bytes prefixStart(String id) {
        byte[] s = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(s.length + 1).put(s).put((byte) 0).array());
    }

    /** Just past every key of the series: the separator byte incremented. */
    private static Bytes prefixEnd(String id) {
        byte[] s = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(s.length + 1).put(s).put((byte) 1).array());
    }

    private static byte[] pack(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static double[] unpack(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[] v = new double[bytes.length / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getDouble();
        }
        return v;
    }
}
