package io.odecast.ode;

/** The adaptive step size fell below the minimum step or below what {@code double} time can resolve. */
public final class StepSizeUnderflowException extends OdeSolverException {

    private static final long serialVersionUID = 1L;

    public StepSizeUnderflowException(double time, double stepSize, double minimum) {
        super("step size underflow: |h| fell below " + minimum, time, stepSize,
                "the solution may blow up or be discontinuous here, or the tolerance is too tight for double precision");
    }
}
