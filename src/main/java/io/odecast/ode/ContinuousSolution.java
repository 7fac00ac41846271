package io.odecast.ode;

import java.util.Arrays;
import java.util.Objects;

/**
 * The solution {@code y(t)} over the whole solved interval, as the piecewise polynomial the solver's
 * dense output defines: one segment per accepted step, each
 * {@code y(θ) = r0 + θ (r1 + (1-θ) (r2 + θ (r3 + (1-θ) r4)))} with {@code θ = (t - t_k) / (t_{k+1} - t_k)}.
 * Immutable.
 */
public final class ContinuousSolution {

    private static final int COEFFICIENTS = 5;

    private final double[] initialState;
    private final double[] boundaries;
    private final double[] coefficients;
    private final int dimension;
    private final SolverStats stats;

    private ContinuousSolution(double[] initialState, double[] boundaries, double[] coefficients, SolverStats stats) {
        this.initialState = initialState;
        this.boundaries = boundaries;
        this.coefficients = coefficients;
        this.dimension = initialState.length;
        this.stats = stats;
    }

    /** Start of the solved interval. */
    public double startTime() {
        return boundaries[0];
    }

    /** End of the solved interval (before the start when time ran backwards). */
    public double endTime() {
        return boundaries[boundaries.length - 1];
    }

    public int dimension() {
        return dimension;
    }

    /** Number of polynomial segments (accepted steps). */
    public int segments() {
        return boundaries.length - 1;
    }

    /** Segment boundaries {@code t_0 .. t_segments}, in the direction of integration. */
    public double[] boundaries() {
        return boundaries.clone();
    }

    /** The five coefficient vectors {@code r0..r4} of segment {@code k}, as {@code [5][dimension]}. */
    public double[][] segmentCoefficients(int k) {
        Objects.checkIndex(k, segments());
        double[][] r = new double[COEFFICIENTS][dimension];
        for (int j = 0; j < COEFFICIENTS; j++) {
            System.arraycopy(coefficients, (k * COEFFICIENTS + j) * dimension, r[j], 0, dimension);
        }
        return r;
    }

    public SolverStats stats() {
        return stats;
    }

    /** The state at {@code t}. */
    public double[] stateAt(double t) {
        double[] out = new double[dimension];
        stateAt(t, out);
        return out;
    }

    /**
     * Writes the state at {@code t} into {@code out}.
     *
     * @throws IllegalArgumentException when {@code t} is outside the solved interval: this is no extrapolation
     */
    public void stateAt(double t, double[] out) {
        double start = startTime();
        double end = endTime();
        if (!(Math.min(start, end) <= t && t <= Math.max(start, end))) {
            throw new IllegalArgumentException("t = " + t + " is outside the solved interval [" + Math.min(start, end)
                    + ", " + Math.max(start, end) + "]");
        }
        if (segments() == 0) {
            System.arraycopy(initialState, 0, out, 0, dimension);
            return;
        }
        int k = segmentOf(t);
        double t0 = boundaries[k];
        double theta = (t - t0) / (boundaries[k + 1] - t0);
        int base = k * COEFFICIENTS * dimension;
        for (int i = 0; i < dimension; i++) {
            double r0 = coefficients[base + i];
            double r1 = coefficients[base + dimension + i];
            double r2 = coefficients[base + 2 * dimension + i];
            double r3 = coefficients[base + 3 * dimension + i];
            double r4 = coefficients[base + 4 * dimension + i];
            out[i] = polynomial(theta, r0, r1, r2, r3, r4);
        }
    }

    /**
     * One component of one segment at {@code theta} in [0, 1]:
     * {@code r0 + θ (r1 + (1-θ) (r2 + θ (r3 + (1-θ) r4)))}. The dense output of every method, and the
     * form in which forecasts travel.
     */
    public static double polynomial(double theta, double r0, double r1, double r2, double r3, double r4) {
        double oneMinus = 1 - theta;
        return r0 + theta * (r1 + oneMinus * (r2 + theta * (r3 + oneMinus * r4)));
    }

    /** The last segment whose start is not past {@code t} in the direction of integration. */
    private int segmentOf(double t) {
        double direction = Math.signum(endTime() - startTime());
        int lo = 0;
        int hi = segments() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (direction * (boundaries[mid] - t) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "ContinuousSolution[" + startTime() + " .. " + endTime() + ", " + segments() + " segments, " + stats + "]";
    }

    /** Collects each accepted step's interpolant; arrays grow geometrically, so appends are amortised O(1). */
    static final class Recorder implements StepListener {
        private final double[] initialState;
        private final StepListener delegate;
        private final int dimension;
        /** Room for this many segments at first, doubled when full (a forecast over a short horizon takes a few). */
        private static final int INITIAL_SEGMENTS = 8;

        private double[] boundaries = new double[INITIAL_SEGMENTS + 1];
        private double[] coefficients;
        private int segments;

        Recorder(double t0, double[] y0, StepListener delegate) {
            this.initialState = y0.clone();
            this.delegate = delegate;
            this.dimension = y0.length;
            this.coefficients = new double[INITIAL_SEGMENTS * COEFFICIENTS * dimension];
            boundaries[0] = t0;
        }

        @Override
        public void stepAccepted(StepInterpolant step) {
            int stride = COEFFICIENTS * dimension;
            if (segments + 2 > boundaries.length) {
                boundaries = Arrays.copyOf(boundaries, boundaries.length * 2);
                coefficients = Arrays.copyOf(coefficients, boundaries.length * stride);
            }
            double[][] r = step.coefficients();
            for (int j = 0; j < COEFFICIENTS; j++) {
                System.arraycopy(r[j], 0, coefficients, segments * stride + j * dimension, dimension);
            }
            segments++;
            boundaries[segments] = step.endTime();
            delegate.stepAccepted(step);
        }

        @Override
        public void stepRejected(double time, double stepSize, double errorRatio) {
            delegate.stepRejected(time, stepSize, errorRatio);
        }

        ContinuousSolution finish(double t1, SolverStats stats) {
            boundaries[segments] = segments == 0 ? t1 : boundaries[segments];
            return new ContinuousSolution(initialState, Arrays.copyOf(boundaries, segments + 1),
                    Arrays.copyOf(coefficients, segments * COEFFICIENTS * dimension), stats);
        }
    }
}
