package io.odecast.ode;

/** The state or its derivative became NaN or infinite, and a smaller step could not avoid it. */
public final class NonFiniteStateException extends OdeSolverException {

    private static final long serialVersionUID = 1L;

    public NonFiniteStateException(String detail, double time, double stepSize) {
        super("non-finite " + detail, time, stepSize,
                "the solution diverged or the vector field returned NaN or infinity; try a smaller step size or check the field's inputs and parameters");
    }
}
