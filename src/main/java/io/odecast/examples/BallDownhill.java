package io.odecast.examples;

import io.odecast.ode.OdeSystem;

/**
 * A ball rolling down a slope with linear drag: {@code dv/dt = g sin θ - μ v}, {@code dx/dt = v}, from rest.
 * State {@code [v, x]}; exact solution {@code v = (a/μ)(1 - e^(-μt))}, {@code x = (a/μ)(t - (1 - e^(-μt))/μ)}
 * with {@code a = g sin θ}.
 *
 * @param g            gravity (m/s²)
 * @param slopeDegrees slope angle θ in degrees
 * @param mu           linear drag coefficient (1/s)
 */
public record BallDownhill(double g, double slopeDegrees, double mu) implements OdeSystem {

    /** The seed's slope: g = 9.81, θ = 15°, μ = 0.4. */
    public static final BallDownhill SEED = new BallDownhill(9.81, 15.0, 0.4);

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void derivative(double t, double[] y, double[] dydt) {
        dydt[0] = acceleration() - mu * y[0];
        dydt[1] = y[0];
    }

    /** The exact {@code [v, x]} at time {@code t}, starting at rest from x = 0. */
    public double[] exact(double t) {
        double terminal = acceleration() / mu;
        double decay = 1 - Math.exp(-mu * t);
        return new double[] {terminal * decay, terminal * (t - decay / mu)};
    }

    private double acceleration() {
        return g * Math.sin(Math.toRadians(slopeDegrees));
    }
}
