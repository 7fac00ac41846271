package io.odecast.ode;

/** The solve needed more step attempts than {@link SolverOptions#maxSteps()} allows. */
public final class MaxStepsExceededException extends OdeSolverException {

    private static final long serialVersionUID = 1L;

    public MaxStepsExceededException(int maxSteps, double time, double stepSize, double target) {
        super("maximum number of steps (" + maxSteps + ") exceeded before reaching t = " + target, time, stepSize,
                "raise maxSteps, loosen rtol/atol, or check the system for stiffness");
    }
}
