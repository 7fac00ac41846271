package io.odecast.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A run of one series' observations in time order, stored as one history entry keyed by its first
 * time. Binary form: a format byte, the count, then per observation its time and values (so the
 * length is 5 more than a multiple of 8). An entry of exactly {@code 8 * variables} bytes is the
 * earlier one-observation form (the values alone, the time in the key), still read.
 */
final class HistoryChunk {

    private static final byte FORMAT_V1 = 1;

    private final int vars;
    private double[] times;
    private double[][] values;
    private int size;

    private HistoryChunk(int vars, int capacity) {
        this.vars = vars;
        this.times = new double[capacity];
        this.values = new double[capacity][];
    }

    /** A chunk holding one observation. */
    static HistoryChunk of(double time, double[] values) {
        HistoryChunk c = new HistoryChunk(values.length, 4);
        c.times[0] = same(time);
        c.values[0] = values;
        c.size = 1;
        return c;
    }

    /** Reads a stored entry: a chunk, or the earlier one-observation form at {@code keyTime}. */
    static HistoryChunk decode(byte[] bytes, double keyTime, int vars) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length == 8 * vars) {
            double[] v = new double[vars];
            for (int i = 0; i < vars; i++) {
                v[i] = b.getDouble();
            }
            return of(keyTime, v);
        }
        if (bytes.length < 5 || b.get() != FORMAT_V1) {
            throw new IllegalStateException("corrupt history entry in the state store (" + bytes.length + " bytes)");
        }
        int n = b.getInt();
        if (n < 1 || bytes.length != 5 + n * 8 * (1 + vars)) {
            throw new IllegalStateException("corrupt history entry in the state store: " + n + " observations of "
                    + vars + " variables in " + bytes.length + " bytes");
        }
        HistoryChunk c = new HistoryChunk(vars, n);
        for (int i = 0; i < n; i++) {
            c.times[i] = b.getDouble();
            double[] v = new double[vars];
            for (int k = 0; k < vars; k++) {
                v[k] = b.getDouble();
            }
            c.values[i] = v;
        }
        c.size = n;
        return c;
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(5 + size * 8 * (1 + vars)).put(FORMAT_V1).putInt(size);
        for (int i = 0; i < size; i++) {
            b.putDouble(times[i]);
            for (double v : values[i]) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    int size() {
        return size;
    }

    double start() {
        return times[0];
    }

    double end() {
        return times[size - 1];
    }

    double time(int i) {
        return times[i];
    }

    double[] values(int i) {
        return values[i];
    }

    /** Puts an observation at its place in time; returns true when it replaced one at the same time. */
    boolean put(double time, double[] v) {
        time = same(time);
        int at = Arrays.binarySearch(times, 0, size, time);
        if (at >= 0) {
            values[at] = v;
            return true;
        }
        at = -at - 1;
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        times[at] = time;
        values[at] = v;
        size++;
        return false;
    }

    /** The values at the latest time at or before {@code time}; null when every time is later. */
    double[] atOrBefore(double time) {
        int at = Arrays.binarySearch(times, 0, size, same(time));
        if (at >= 0) {
            return values[at];
        }
        int before = -at - 2;
        return before >= 0 ? values[before] : null;
    }

    /** -0.0 is the time 0.0 (the search would order it before 0.0, as the store's keys do not). */
    private static double same(double time) {
        return time == 0.0 ? 0.0 : time;
    }

    /** Moves the later half into a new chunk (this keeps the earlier half). */
    HistoryChunk splitOff() {
        int keep = size / 2;
        HistoryChunk later = new HistoryChunk(vars, Math.max(4, size - keep));
        System.arraycopy(times, keep, later.times, 0, size - keep);
        System.arraycopy(values, keep, later.values, 0, size - keep);
        later.size = size - keep;
        Arrays.fill(values, keep, size, null);
        size = keep;
        return later;
    }

    /** Drops the earliest {@code n} observations (fewer than {@link #size()}). */
    void dropFirst(int n) {
        System.arraycopy(times, n, times, 0, size - n);
        System.arraycopy(values, n, values, 0, size - n);
        Arrays.fill(values, size - n, size, null);
        size -= n;
    }
}
