package io.odecast.ode;

/**
 * A view of the step the solver has just accepted, valid only during
 * {@link StepListener#stepAccepted}: the solver reuses it for the next step. Copy what you keep.
 */
public final class StepInterpolant {

    private final RungeKuttaStepper stepper;
    private final double[][] coefficients;
    private boolean prepared;

    StepInterpolant(RungeKuttaStepper stepper) {
        this.stepper = stepper;
        this.coefficients = new double[5][stepper.dimension()];
    }

    /** Called by the solver when a new step is accepted. */
    void reset() {
        prepared = false;
    }

    /** Start time of the step. */
    public double startTime() {
        return stepper.time();
    }

    /** End time of the step. */
    public double endTime() {
        return stepper.endTime();
    }

    /** Signed step size. */
    public double stepSize() {
        return stepper.endTime() - stepper.time();
    }

    /** Length of the state. */
    public int dimension() {
        return stepper.dimension();
    }

    /** Copies the state at the start of the step into {@code out}. */
    public void startState(double[] out) {
        System.arraycopy(stepper.state(), 0, out, 0, out.length);
    }

    /** Copies the state at the end of the step into {@code out}. */
    public void endState(double[] out) {
        System.arraycopy(stepper.endState(), 0, out, 0, out.length);
    }

    /** Copies the derivative at the end of the step into {@code out}. */
    public void endDerivative(double[] out) {
        System.arraycopy(stepper.endDerivative(), 0, out, 0, out.length);
    }

    /**
     * Writes the dense-output state at {@code time}, which must lie within the step, into {@code out}.
     * At the step's end it is the step's end state exactly.
     */
    public void stateAt(double time, double[] out) {
        double start = stepper.time();
        double end = stepper.endTime();
        if (time == end) {
            endState(out);
            return;
        }
        if (!((time - start) * (end - time) >= 0)) {
            throw new IllegalArgumentException("t = " + time + " is outside the step [" + start + ", " + end + "]");
        }
        RungeKuttaStepper.interpolate(coefficients(), (time - start) / (end - start), out);
    }

    RungeKuttaStepper stepper() {
        return stepper;
    }

    /** The interpolant's coefficient vectors, computed at most once per step. */
    double[][] coefficients() {
        if (!prepared) {
            stepper.interpolationCoefficients(coefficients);
            prepared = true;
        }
        return coefficients;
    }
}
