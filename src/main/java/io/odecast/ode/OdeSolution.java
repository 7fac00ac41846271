package io.odecast.ode;

import java.util.Arrays;
import java.util.Objects;

/** The states of a solve at the requested output times, with what the solve cost. */
public final class OdeSolution {

    private final double[] times;
    private final double[][] states;
    private final SolverStats stats;

    OdeSolution(double[] times, double[][] states, SolverStats stats) {
        this.times = times;
        this.states = states;
        this.stats = Objects.requireNonNull(stats);
    }

    /** Number of output times. */
    public int size() {
        return times.length;
    }

    /** Output time {@code i}. */
    public double time(int i) {
        return times[i];
    }

    /** All output times. */
    public double[] times() {
        return times.clone();
    }

    /** A copy of the state at output time {@code i}. */
    public double[] state(int i) {
        return states[i].clone();
    }

    /** Component {@code component} of the state at output time {@code i}. */
    public double value(int i, int component) {
        return states[i][component];
    }

    /** A copy of the state at the last output time. */
    public double[] finalState() {
        return state(times.length - 1);
    }

    /** Component {@code component} at every output time. */
    public double[] component(int component) {
        double[] out = new double[times.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = states[i][component];
        }
        return out;
    }

    public SolverStats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return "OdeSolution[" + times.length + " times to t = " + times[times.length - 1]
                + ", final " + Arrays.toString(states[states.length - 1]) + ", " + stats + "]";
    }
}
