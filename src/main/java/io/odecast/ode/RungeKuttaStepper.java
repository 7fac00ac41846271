package io.odecast.ode;

/**
 * One explicit Runge–Kutta step of any {@link ButcherTableau}, with every array allocated once per
 * solve. Holds the current point {@code (t, y, f(t, y))} and the attempted step's end point
 * {@code (tEnd, y1, f(tEnd, y1))}.
 *
 * <p>Every attempt ends with {@code f(tEnd, y1)}: for an FSAL tableau that is its last stage; for the
 * others it is the first stage of the next step, so it costs no extra evaluation except after the
 * final step. Dense output uses it either way.
 */
final class RungeKuttaStepper {

    private final OdeSystem system;
    private final int dimension;
    private final int stages;
    private final boolean fsal;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] errorWeights;
    private final double[] denseWeights;

    /** Stage derivatives; row 0 is f(t, y). For a non-FSAL tableau, row {@code stages} is f(tEnd, y1). */
    private final double[][] k;
    private final int endRow;
    /** Stage inputs: row s is the state stage s was evaluated at (row 0 is unused: stage 0 is at y). */
    private final double[][] stageStates;
    private double[] y;
    private double[] y1;
    private double t;
    private double tEnd;
    private long evaluations;

    RungeKuttaStepper(ButcherTableau tableau, OdeSystem system) {
        this.system = system;
        this.dimension = system.dimension();
        this.stages = tableau.stages();
        this.fsal = tableau.fsal();
        this.c = tableau.c();
        this.a = tableau.a();
        this.b = tableau.b();
        this.errorWeights = tableau.errorWeights();
        this.denseWeights = tableau.denseWeights();
        this.endRow = fsal ? stages - 1 : stages;
        this.k = new double[endRow + 1][dimension];
        this.stageStates = new double[stages][dimension];
        this.y = new double[dimension];
        this.y1 = new double[dimension];
    }

    /** Sets the current point to {@code (t0, y0)} and evaluates {@code f(t0, y0)}. */
    void start(double t0, double[] y0) {
        System.arraycopy(y0, 0, y, 0, dimension);
        t = t0;
        tEnd = t0;
        evaluate(t0, y, k[0]);
    }

    /**
     * Attempts a step from the current point to {@code end} (passed separately so the last step lands
     * exactly on the target time), filling {@code y1} and {@code f(end, y1)}.
     */
    void attempt(double end) {
        double h = end - t;
        tEnd = end;
        int lastStage = fsal ? stages - 1 : stages;
        for (int s = 1; s < lastStage; s++) {
            double[] as = a[s];
            double[] yStage = stageStates[s];
            for (int i = 0; i < dimension; i++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    sum += as[j] * k[j][i];
                }
                yStage[i] = y[i] + h * sum;
            }
            evaluate(t + c[s] * h, yStage, k[s]);
        }
        // An FSAL tableau's last weight is zero and its last row still holds the previous attempt.
        for (int i = 0; i < dimension; i++) {
            double sum = 0;
            for (int j = 0; j < lastStage; j++) {
                sum += b[j] * k[j][i];
            }
            y1[i] = y[i] + h * sum;
        }
        evaluate(end, y1, k[endRow]);
    }

    /** Error ratio of the last attempt (adaptive tableaux only); see {@link StepControl#errorRatio}. */
    double errorRatio(double[] rtol, double[] atol) {
        return StepControl.errorRatio(tEnd - t, errorWeights, k, y, y1, rtol, atol);
    }

    /** Moves the current point to the end of the last attempt. */
    void accept() {
        double[] swap = y;
        y = y1;
        y1 = swap;
        swap = k[0];
        k[0] = k[endRow];
        k[endRow] = swap;
        t = tEnd;
    }

    /** Index of the first non-finite component of the attempted end state or its derivative, or -1. */
    int firstNonFiniteEnd() {
        for (int i = 0; i < dimension; i++) {
            if (!Double.isFinite(y1[i]) || !Double.isFinite(k[endRow][i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Writes the five coefficient vectors of the attempted step's interpolant,
     * {@code y(θ) = r0 + θ (r1 + (1-θ) (r2 + θ (r3 + (1-θ) r4)))} with {@code θ = (t - t0) / h},
     * into {@code r[0..4]}. Without dense weights {@code r4 = 0} and this is the cubic Hermite
     * interpolant through both end points and their derivatives.
     */
    void interpolationCoefficients(double[][] r) {
        double h = tEnd - t;
        double[] f0 = k[0];
        double[] f1 = k[endRow];
        for (int i = 0; i < dimension; i++) {
            double dy = y1[i] - y[i];
            double slope0 = h * f0[i] - dy;
            r[0][i] = y[i];
            r[1][i] = dy;
            r[2][i] = slope0;
            r[3][i] = dy - h * f1[i] - slope0;
            double extra = 0;
            if (denseWeights != null) {
                for (int s = 0; s < stages; s++) {
                    double w = denseWeights[s];
                    if (w != 0) {
                        extra += w * k[s][i];
                    }
                }
            }
            r[4][i] = h * extra;
        }
    }

    /** Evaluates the interpolation polynomial with coefficients {@code r} at {@code theta} into {@code out}. */
    static void interpolate(double[][] r, double theta, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = ContinuousSolution.polynomial(theta, r[0][i], r[1][i], r[2][i], r[3][i], r[4][i]);
        }
    }

    private void evaluate(double time, double[] state, double[] into) {
        system.derivative(time, state, into);
        evaluations++;
    }

    /** The state stage {@code s} of the last attempt was evaluated at; for an FSAL tableau's last stage, y1. */
    double[] stageState(int s) {
        if (s == 0) {
            return y;
        }
        return fsal && s == stages - 1 ? y1 : stageStates[s];
    }

    /** The time stage {@code s} of the last attempt was evaluated at. */
    double stageTime(int s) {
        return fsal && s == stages - 1 ? tEnd : t + c[s] * (tEnd - t);
    }

    OdeSystem system() {
        return system;
    }

    int dimension() {
        return dimension;
    }

    double time() {
        return t;
    }

    double endTime() {
        return tEnd;
    }

    double[] state() {
        return y;
    }

    double[] endState() {
        return y1;
    }

    double[] derivative() {
        return k[0];
    }

    double[] endDerivative() {
        return k[endRow];
    }

    long evaluations() {
        return evaluations;
    }

    void countEvaluation() {
        evaluations++;
    }
}
