package io.odecast.stream;

import io.odecast.forecast.Observation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Per-series history in two changelogged stores: the observations in {@link HistoryChunk}s of up to
 * {@link #CHUNK} in time order, keyed by series and each chunk's first time so a scan reads a series in
 * time order; and one small {@link SeriesMeta} per series. An observation later than every stored
 * one goes to the series' last chunk, so the record cache folds a series' writes within a commit
 * interval into one store write and one changelog record per chunk. The rules:
 * <ul>
 *   <li>out of order: stored at its place in time (a chunk over its size splits in two);</li>
 *   <li>a duplicate time: the newer values replace the older (the last write wins);</li>
 *   <li>over the bound: the oldest observations are dropped, a tenth of the bound at a time, so the
 *       scan that finds them runs once per many records rather than once per record.</li>
 * </ul>
 * Scans start at the series' earliest stored key (kept in its record), past the deletions left by
 * evictions, which RocksDB would otherwise step over on every seek until its next compaction.
 */
final class HistoryStore {

    /** Observations per chunk: a series' appends within a commit interval fold into this many fewer writes. */
    static final int CHUNK = 16;
    /** Series whose records and last chunks are kept decoded, most recently used first; writes go through. */
    private static final int CACHED_SERIES = 4096;

    private final KeyValueStore<Bytes, byte[]> observations;
    private final KeyValueStore<String, byte[]> series;
    private final int chunk;
    private final Map<String, SeriesMeta> decoded = Lru.map(CACHED_SERIES);
    /** Each series' last chunk, decoded: where observations later than every stored one go. */
    private final Map<String, HistoryChunk> lastChunks = Lru.map(CACHED_SERIES);
    /** Each series' earliest stored observation {time}, {values}, kept in step with additions and eviction. */
    private final Map<String, double[][]> firsts = Lru.map(CACHED_SERIES);

    HistoryStore(KeyValueStore<Bytes, byte[]> observations, KeyValueStore<String, byte[]> series) {
        this(observations, series, CHUNK);
    }

    /** With chunks of at most {@code chunk} observations (tests use small ones to split and evict often). */
    HistoryStore(KeyValueStore<Bytes, byte[]> observations, KeyValueStore<String, byte[]> series, int chunk) {
        if (chunk < 2) {
            throw new IllegalArgumentException("chunks hold at least 2 observations, got " + chunk);
        }
        this.observations = observations;
        this.series = series;
        this.chunk = chunk;
    }

    /**
     * What {@link #add} did.
     *
     * @param meta     the series' updated record (already stored)
     * @param replaced whether the observation replaced one at the same time (the last write wins)
     */
    record Added(SeriesMeta meta, boolean replaced) {
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

    /** Adds {@code o} by the rules above. */
    Added add(Observation o, int limit) {
        String id = o.series();
        double t = o.time();
        SeriesMeta m = meta(id);
        if (m == null) {
            m = SeriesMeta.first(o);
        }
        // the chunk t goes to: the last one for a later time, else the one whose span holds t's place
        HistoryChunk c = m.count() == 0 ? null : t > m.latestTime() ? lastChunk(m) : chunkFor(m, t);
        boolean replaced;
        if (c == null || (t > m.latestTime() && c.size() >= chunk)) {
            c = HistoryChunk.of(t, o.values());
            replaced = false;
            store(id, c, Double.NaN);
        } else {
            double oldStart = c.start();
            replaced = c.put(t, o.values());
            HistoryChunk later = c.size() > chunk ? c.splitOff() : null;
            store(id, c, c.start() != oldStart ? oldStart : Double.NaN);
            if (later != null) {
                store(id, later, Double.NaN);
                c = later;
            }
        }
        if (c.end() >= Math.max(t, m.latestTime())) {
            lastChunks.put(id, c);
        } else {
            lastChunks.remove(id);
        }
        int count = m.count() + (replaced ? 0 : 1);
        boolean latest = t >= m.latestTime();
        double known = m.count() == 0 ? Double.NaN : firstTime(m);
        double first = Double.isNaN(known) ? t : Math.min(known, t);
        if (t == first) {
            firsts.put(id, new double[][] {{first}, o.values()});
        }
        if (count > limit) {
            count -= evict(m, first, Math.max(count - limit, limit / 10));
            double[][] now = firsts.get(id);
            first = now == null ? Double.NaN : now[0][0];
        }
        SeriesMeta updated = new SeriesMeta(m.series(), m.variables(), count, first, latest ? t : m.latestTime(),
                latest ? o.values() : m.latestValues(), m.sinceTraining() + 1, m.lastTrainingMillis());
        put(updated);
        return new Added(updated, replaced);
    }

    /** Writes {@code c} under its first time, deleting its entry under {@code oldStart} when that moved (NaN: not). */
    private void store(String id, HistoryChunk c, double oldStart) {
        if (!Double.isNaN(oldStart)) {
            observations.delete(key(id, oldStart));
        }
        observations.put(key(id, c.start()), c.encode());
    }

    /**
     * Drops the series' {@code drop} oldest observations, from its earliest stored key {@code first};
     * leaves its new earliest observation in {@link #firsts}. Returns how many were dropped.
     */
    private int evict(SeriesMeta m, double first, int drop) {
        String id = m.series();
        List<Bytes> gone = new ArrayList<>();
        HistoryChunk trimmed = null;
        double trimmedFrom = Double.NaN;
        double[][] newFirst = null;
        int dropped = 0;
        try (KeyValueIterator<Bytes, byte[]> it = observations.range(key(id, first), prefixEnd(id))) {
            while (newFirst == null && it.hasNext()) {
                var e = it.next();
                HistoryChunk c = decode(e, m);
                int left = drop - dropped;
                if (left >= c.size()) {
                    gone.add(e.key);
                    dropped += c.size();
                    continue;
                }
                if (left > 0) {
                    trimmedFrom = time(e.key);
                    c.dropFirst(left);
                    dropped += left;
                    trimmed = c;
                }
                newFirst = new double[][] {{c.start()}, c.values(0)};
            }
        }
        gone.forEach(observations::delete);
        if (trimmed != null) {
            store(id, trimmed, trimmedFrom);
        }
        if (newFirst == null) {
            firsts.remove(id);
        } else {
            firsts.put(id, newFirst);
        }
        lastChunks.remove(id);
        return dropped;
    }

    /** The series' last chunk: decoded in memory, or read with one seek from the end of its keys; null when none. */
    private HistoryChunk lastChunk(SeriesMeta m) {
        HistoryChunk last = lastChunks.get(m.series());
        if (last != null && last.end() == m.latestTime()) {
            return last;
        }
        try (KeyValueIterator<Bytes, byte[]> it = observations.reverseRange(from(m), prefixEnd(m.series()))) {
            return it.hasNext() ? decode(it.next(), m) : null;
        }
    }

    /** The chunk whose span holds time {@code t}: the last starting at or before it, else the first; null when none. */
    private HistoryChunk chunkFor(SeriesMeta m, double t) {
        String id = m.series();
        if (Double.isNaN(m.firstTime()) || t >= m.firstTime()) {
            try (KeyValueIterator<Bytes, byte[]> it = observations.reverseRange(from(m), key(id, t))) {
                if (it.hasNext()) {
                    return decode(it.next(), m);
                }
            }
        }
        try (KeyValueIterator<Bytes, byte[]> it = observations.range(from(m), prefixEnd(id))) {
            return it.hasNext() ? decode(it.next(), m) : null;
        }
    }

    private static HistoryChunk decode(org.apache.kafka.streams.KeyValue<Bytes, byte[]> entry, SeriesMeta m) {
        return HistoryChunk.decode(entry.value, time(entry.key), m.variables().size());
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
                HistoryChunk c = decode(it.next(), meta);
                for (int j = 0; j < c.size() && i < n; j++, i++) {
                    int from = tail ? c.size() - 1 - j : j;
                    int at = tail ? n - 1 - i : i;
                    times[at] = c.time(from);
                    values[at] = c.values(from);
                }
            }
        }
        if (i < n) {
            // fewer observations than the series record counts (a store restored mid-change): keep what is there
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
            HistoryChunk c = decode(it.next(), m);
            double[][] first = {{c.start()}, c.values(0)};
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
            if (!it.hasNext()) {
                return null;
            }
            return decode(it.next(), m).atOrBefore(t);
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
}
