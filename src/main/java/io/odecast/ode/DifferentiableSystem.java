package io.odecast.ode;

/**
 * An {@link OdeSystem} {@code f(t, y; θ)} that can pull a cotangent back through itself: the
 * vector–Jacobian products needed by reverse-mode gradients ({@link Tape}) and the adjoint method
 * ({@link Adjoint}).
 */
public interface DifferentiableSystem extends OdeSystem {

    /** Number of parameters θ. */
    int parameterCount();

    /**
     * For the cotangent {@code v} of {@code f(t, y)}: writes {@code (∂f/∂y)ᵀ v} into {@code yBar}
     * (overwriting it) and adds {@code (∂f/∂θ)ᵀ v} to {@code paramBar}.
     *
     * @param paramBar length {@link #parameterCount()}; accumulated into, never cleared
     */
    void vjp(double t, double[] y, double[] v, double[] yBar, double[] paramBar);
}
