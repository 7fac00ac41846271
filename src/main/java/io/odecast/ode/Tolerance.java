package io.odecast.ode;

import java.util.Arrays;

/**
 * Relative and absolute error tolerances, scalar or per state component. The error of a step is
 * measured against {@code atol[i] + rtol[i] * max(|y0[i]|, |y1[i]|)} in the RMS norm.
 *
 * @param rtol relative tolerances: one value for every component, or one per component
 * @param atol absolute tolerances: one value for every component, or one per component
 */
public record Tolerance(double[] rtol, double[] atol) {

    public Tolerance {
        rtol = checked("rtol", rtol);
        atol = checked("atol", atol);
        int n = Math.max(rtol.length, atol.length);
        if ((rtol.length != 1 && rtol.length != n) || (atol.length != 1 && atol.length != n)) {
            throw new IllegalArgumentException("rtol and atol must each have one value or one per component; got "
                    + rtol.length + " and " + atol.length);
        }
        for (int i = 0; i < n; i++) {
            if (rtol[rtol.length == 1 ? 0 : i] == 0 && atol[atol.length == 1 ? 0 : i] == 0) {
                throw new IllegalArgumentException("rtol and atol are both zero for component " + i
                        + ": no step could ever meet that");
            }
        }
    }

    /** The same {@code rtol} and {@code atol} for every component. */
    public static Tolerance of(double rtol, double atol) {
        return new Tolerance(new double[] {rtol}, new double[] {atol});
    }

    /** Tolerances per component (arrays of the state's length; length one broadcasts). */
    public static Tolerance perComponent(double[] rtol, double[] atol) {
        return new Tolerance(rtol, atol);
    }

    /** Whether this tolerance can be applied to a state of {@code dimension} components. */
    public boolean fits(int dimension) {
        return (rtol.length == 1 || rtol.length == dimension) && (atol.length == 1 || atol.length == dimension);
    }

    /** Relative tolerance of component {@code i}. */
    public double rtol(int i) {
        return rtol[rtol.length == 1 ? 0 : i];
    }

    /** Absolute tolerance of component {@code i}. */
    public double atol(int i) {
        return atol[atol.length == 1 ? 0 : i];
    }

    /** Relative tolerances as given (length one or one per component). */
    @Override
    public double[] rtol() {
        return rtol.clone();
    }

    /** Absolute tolerances as given (length one or one per component). */
    @Override
    public double[] atol() {
        return atol.clone();
    }

    /** Expands to one tolerance per component, for the solver's inner loop. */
    double[] expandedRtol(int dimension) {
        return expand(rtol, dimension);
    }

    double[] expandedAtol(int dimension) {
        return expand(atol, dimension);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tolerance t && Arrays.equals(rtol, t.rtol) && Arrays.equals(atol, t.atol);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rtol) + Arrays.hashCode(atol);
    }

    @Override
    public String toString() {
        return "Tolerance[rtol=" + Arrays.toString(rtol) + ", atol=" + Arrays.toString(atol) + "]";
    }

    private static double[] expand(double[] v, int dimension) {
        if (v.length == dimension) {
            return v.clone();
        }
        double[] out = new double[dimension];
        Arrays.fill(out, v[0]);
        return out;
    }

    private static double[] checked(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one value");
        }
        for (double x : v) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + x);
            }
        }
        return v.clone();
    }
}
