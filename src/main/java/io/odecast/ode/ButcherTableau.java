package io.odecast.ode;

import java.util.Arrays;
import java.util.Objects;

/**
 * The coefficients of an explicit Runge–Kutta method, as plain data.
 *
 * <p>{@code a} is strictly lower triangular and stored by rows: row {@code s} has {@code s}
 * entries, the weights of stages {@code 0..s-1}. {@code errorWeights} are {@code b - b̂} of an
 * embedded pair (absent for fixed-step methods). {@code denseWeights} are the stage weights of the
 * fifth coefficient of a continuous extension in Hairer's form; when absent, dense output is the
 * cubic Hermite interpolant through both end points and their derivatives.
 *
 * @param name          the method's registry name
 * @param order         order of the solution the method propagates
 * @param embeddedOrder order of the embedded solution used for the error estimate; 0 when none
 * @param c             stage times as fractions of the step
 * @param a             stage coefficients, row {@code s} of length {@code s}
 * @param b             solution weights
 * @param errorWeights  {@code b - b̂}, or {@code null} for a fixed-step method
 * @param denseWeights  continuous-extension weights, or {@code null} for cubic Hermite
 */
public record ButcherTableau(
        String name,
        int order,
        int embeddedOrder,
        double[] c,
        double[][] a,
        double[] b,
        double[] errorWeights,
        double[] denseWeights) {

    private static final double CONSISTENCY_TOLERANCE = 1e-14;

    public ButcherTableau {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int stages = b.length;
        if (stages < 1 || c.length != stages || a.length != stages) {
            throw new IllegalArgumentException(name + ": c, a and b must all have one entry per stage");
        }
        if (order < 1 || embeddedOrder < 0 || embeddedOrder >= order) {
            throw new IllegalArgumentException(name + ": need order >= 1 and 0 <= embeddedOrder < order");
        }
        if ((errorWeights == null) != (embeddedOrder == 0)) {
            throw new IllegalArgumentException(name + ": errorWeights are required exactly when embeddedOrder > 0");
        }
        c = c.clone();
        b = b.clone();
        a = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        for (int s = 0; s < stages; s++) {
            if (a[s].length != s) {
                throw new IllegalArgumentException(name + ": row " + s + " of a must have " + s + " entries");
            }
            if (Math.abs(sum(a[s]) - c[s]) > CONSISTENCY_TOLERANCE) {
                throw new IllegalArgumentException(name + ": row " + s + " of a does not sum to c[" + s + "]");
            }
        }
        if (Math.abs(sum(b) - 1.0) > CONSISTENCY_TOLERANCE) {
            throw new IllegalArgumentException(name + ": the weights b do not sum to 1");
        }
        if (errorWeights != null) {
            errorWeights = checkedStageVector(name, "errorWeights", errorWeights, stages);
            if (Math.abs(sum(errorWeights)) > CONSISTENCY_TOLERANCE) {
                throw new IllegalArgumentException(name + ": errorWeights (b - b̂) do not sum to 0");
            }
        }
        if (denseWeights != null) {
            denseWeights = checkedStageVector(name, "denseWeights", denseWeights, stages);
        }
    }

    /** Number of stages. */
    public int stages() {
        return b.length;
    }

    /** Whether the method estimates its own error and so can adapt its step size. */
    public boolean adaptive() {
        return errorWeights != null;
    }

    /**
     * First Same As Last: the last stage is evaluated at the step's end with the solution weights,
     * so it is the first stage of the next step and costs nothing extra.
     */
    public boolean fsal() {
        int last = stages() - 1;
        return last > 0 && c[last] == 1.0 && b[last] == 0.0 && Arrays.equals(a[last], Arrays.copyOf(b, last));
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    @Override
    public double[][] a() {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] b() {
        return b.clone();
    }

    @Override
    public double[] errorWeights() {
        return errorWeights == null ? null : errorWeights.clone();
    }

    @Override
    public double[] denseWeights() {
        return denseWeights == null ? null : denseWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ButcherTableau t
                && name.equals(t.name)
                && order == t.order
                && embeddedOrder == t.embeddedOrder
                && Arrays.equals(c, t.c)
                && Arrays.deepEquals(a, t.a)
                && Arrays.equals(b, t.b)
                && Arrays.equals(errorWeights, t.errorWeights)
                && Arrays.equals(denseWeights, t.denseWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, order, embeddedOrder, Arrays.hashCode(b));
    }

    @Override
    public String toString() {
        return "ButcherTableau[" + name + ", order " + order + ", " + stages() + " stages]";
    }

    private static double[] checkedStageVector(String name, String what, double[] v, int stages) {
        if (v.length != stages) {
            throw new IllegalArgumentException(name + ": " + what + " must have one entry per stage");
        }
        return v.clone();
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
