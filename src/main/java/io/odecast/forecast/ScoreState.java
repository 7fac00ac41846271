package io.odecast.forecast;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What scoring keeps per series between observations (stored beside the history, so it survives a
 * restart): the in-sample naive one-step error that scales MASE, the recent absolute residuals of the
 * model per lead bucket and variable (the conformal intervals), and the Page–Hinkley drift detector.
 */
public final class ScoreState {

    private static final byte FORMAT_V1 = 1;

    private final int vars;
    private final int buckets;
    private final int window;
    private final double[] sumAbsStep;
    private long steps;
    private final double[][][] residuals;
    private final int[] stored;
    private final int[] next;
    /** Per bucket: the miscoverage rate adaptive conformal inference aims at next (starts at 1 - level). */
    private final double[] alpha;
    private long phCount;
    private double phMean;
    private double phSum;
    private double phMin;
    /** The half-widths last computed, and for which level and minimum; null when residuals or α changed since. */
    private double[][] widths;
    private double widthsLevel;
    private int widthsMin;

    private ScoreState(int vars, int buckets, int window) {
        this.vars = vars;
        this.buckets = buckets;
        this.window = window;
        this.sumAbsStep = new double[vars];
        this.residuals = new double[buckets][vars][window];
        this.stored = new int[buckets];
        this.next = new int[buckets];
        this.alpha = new double[buckets];
        Arrays.fill(alpha, Double.NaN);
    }

    public static ScoreState empty(int vars, ScoringSettings settings) {
        return new ScoreState(vars, settings.buckets(), settings.residualWindow());
    }

    /** Whether this state was made for these dimensions (a settings change starts afresh). */
    public boolean fits(int vars, ScoringSettings settings) {
        return this.vars == vars && buckets == settings.buckets() && window == settings.residualWindow();
    }

    /** A new latest observation after {@code previous}: one more naive one-step error for the scale. */
    public void observeStep(double[] previous, double[] current) {
        for (int v = 0; v < vars; v++) {
            sumAbsStep[v] += Math.abs(current[v] - previous[v]);
        }
        steps++;
    }

    /** The MASE scale per variable: the in-sample naive one-step MAE; NaN until known and non-zero. */
    public double scale(int v) {
        double s = steps == 0 ? Double.NaN : sumAbsStep[v] / steps;
        return s > 0 ? s : Double.NaN;
    }

    /** Records the model's absolute errors of one scored forecast in lead bucket {@code bucket} (1-based). */
    public void addResiduals(int bucket, double[] errors) {
        int b = bucket - 1;
        for (int v = 0; v < vars; v++) {
            residuals[b][v][next[b]] = Math.abs(errors[v]);
        }
        next[b] = (next[b] + 1) % window;
        stored[b] = Math.min(window, stored[b] + 1);
        widths = null;
    }

    /**
     * Conformal half-widths per bucket and variable: the ⌈(n+1)·(1-α)⌉-th smallest of the n recent
     * absolute residuals, α the bucket's adapted miscoverage (1 - level until adapted; the largest
     * residual when that rank is past n, none when α ≥ 1); NaN where fewer than {@code minResiduals} are known.
     */
    public double[][] halfWidths(double level, int minResiduals) {
        if (widths != null && widthsLevel == level && widthsMin == minResiduals) {
            return widths;
        }
        double[][] out = new double[buckets][vars];
        for (int b = 0; b < buckets; b++) {
            int n = stored[b];
            double a = Double.isNaN(alpha[b]) ? 1 - level : alpha[b];
            int k = Math.min(n, (int) Math.ceil((n + 1) * (1 - a)));
            for (int v = 0; v < vars; v++) {
                if (n < minResiduals) {
                    out[b][v] = Double.NaN;
                } else if (k <= 0) {
                    out[b][v] = 0;
                } else {
                    double[] sorted = Arrays.copyOf(residuals[b][v], n);
                    Arrays.sort(sorted);
                    out[b][v] = sorted[k - 1];
                }
            }
        }
        widths = out;
        widthsLevel = level;
        widthsMin = minResiduals;
        return out;
    }

    /**
     * Adaptive conformal inference: an interval in {@code bucket} was checked; {@code misses} of its
     * {@code checks} variables fell outside. The bucket's α moves by γ·((1 - level) - miss rate).
     */
    public void adapt(int bucket, int checks, int misses, double level, double gamma) {
        int b = bucket - 1;
        double a = Double.isNaN(alpha[b]) ? 1 - level : alpha[b];
        for (int i = 0; i < checks; i++) {
            a += gamma * ((1 - level) - (i < misses ? 1 : 0));
        }
        alpha[b] = a;
        widths = null;
    }

    /**
     * Page–Hinkley on a stream of errors {@code x}: alarms when their cumulative excess over the running
     * mean (less {@code delta} per step) rises {@code threshold} above its minimum; an alarm resets it.
     */
    public boolean driftAlarm(double x, double delta, double threshold) {
        phCount++;
        phMean += (x - phMean) / phCount;
        phSum += x - phMean - delta;
        phMin = Math.min(phMin, phSum);
        if (phSum - phMin > threshold) {
            phCount = 0;
            phMean = 0;
            phSum = 0;
            phMin = 0;
            return true;
        }
        return false;
    }

    public byte[] toBytes() {
        int size = 1 + 4 * 3 + 8 * vars + 8 + 8 + 8 * 3;
        for (int k = 0; k < buckets; k++) {
            size += 8 + 8 + 8 * vars * stored[k];
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT_V1).putInt(vars).putInt(buckets).putInt(window);
        for (double s : sumAbsStep) {
            b.putDouble(s);
        }
        b.putLong(steps);
        for (int k = 0; k < buckets; k++) {
            // a ring fills from index 0, so its first stored[k] entries are all it holds
            b.putInt(stored[k]).putInt(next[k]).putDouble(alpha[k]);
            for (double[] ring : residuals[k]) {
                for (int i = 0; i < stored[k]; i++) {
                    b.putDouble(ring[i]);
                }
            }
        }
        return b.putLong(phCount).putDouble(phMean).putDouble(phSum).putDouble(phMin).array();
    }

    public static ScoreState fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != FORMAT_V1) {
                throw new IllegalStateException("unknown score state format " + bytes[0]);
            }
            ScoreState s = new ScoreState(b.getInt(), b.getInt(), b.getInt());
            for (int v = 0; v < s.vars; v++) {
                s.sumAbsStep[v] = b.getDouble();
            }
            s.steps = b.getLong();
            for (int k = 0; k < s.buckets; k++) {
                s.stored[k] = b.getInt();
                s.next[k] = b.getInt();
                s.alpha[k] = b.getDouble();
                if (s.stored[k] < 0 || s.stored[k] > s.window) {
                    throw new IllegalStateException("corrupt score state in the state store: " + s.stored[k]
                            + " residuals in a window of " + s.window);
                }
                for (double[] ring : s.residuals[k]) {
                    for (int i = 0; i < s.stored[k]; i++) {
                        ring[i] = b.getDouble();
                    }
                }
            }
            s.phCount = b.getLong();
            s.phMean = b.getDouble();
            s.phSum = b.getDouble();
            s.phMin = b.getDouble();
            return s;
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalStateException("corrupt score state in the state store", e);
        }
    }
}
