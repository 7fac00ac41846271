package io.odecast.ode;

/**
 * A first-order system {@code dy/dt = f(t, y)} over a flat state vector.
 *
 * <p>The solver owns every array it passes in and reuses them between calls: an implementation
 * must write the whole derivative into {@code dydt} and keep no reference to either array.
 */
public interface OdeSystem {

    /** Length of the state vector. */
    int dimension();

    /**
     * Writes {@code f(t, y)} into {@code dydt}.
     *
     * @param t    the time
     * @param y    the state, length {@link #dimension()}; must not be modified
     * @param dydt destination of the derivative, length {@link #dimension()}
     */
    void derivative(double t, double[] y, double[] dydt);
}
