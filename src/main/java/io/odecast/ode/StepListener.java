package io.odecast.ode;

/** Observes a solve step by step. Every method has a no-op default; override what you need. */
public interface StepListener {

    /** A listener that does nothing. */
    StepListener NONE = new StepListener() {
    };

    /** A step was accepted; {@code step} is only valid during this call. */
    default void stepAccepted(StepInterpolant step) {
    }

    /** An adaptive step attempt from {@code time} with step size {@code stepSize} was rejected. */
    default void stepRejected(double time, double stepSize, double errorRatio) {
    }
}
