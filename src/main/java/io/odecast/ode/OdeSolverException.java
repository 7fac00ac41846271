package io.odecast.ode;

/**
 * A solve that could not be completed. The subclass says why; the message says where (time and
 * step size) and what to try.
 */
public abstract sealed class OdeSolverException extends RuntimeException
        permits StepSizeUnderflowException, MaxStepsExceededException, NonFiniteStateException {

    private static final long serialVersionUID = 1L;

    private final double time;
    private final double stepSize;

    protected OdeSolverException(String what, double time, double stepSize, String advice) {
        super(what + " at t = " + time + " (step size h = " + stepSize + ")" + (advice.isEmpty() ? "" : "; " + advice));
        this.time = time;
        this.stepSize = stepSize;
    }

    /** The time the solver had reached. */
    public double time() {
        return time;
    }

    /** The step size it was trying. */
    public double stepSize() {
        return stepSize;
    }
}
