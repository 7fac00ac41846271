package io.odecast.examples;

import io.odecast.ode.OdeSystem;

/**
 * Newton's cooling, {@code dT/dt = -k (T - T_room)}, exact solution
 * {@code T(t) = T_room + (T0 - T_room) e^(-k t)}.
 *
 * @param k    cooling constant (1/min)
 * @param room room temperature (°C)
 * @param t0   initial temperature (°C)
 */
public record CoffeeCooling(double k, double room, double t0) implements OdeSystem {

    /** The seed's cup: 90 °C in a 22 °C room, k = 0.35/min, watched for 20 minutes. */
    public static final CoffeeCooling SEED = new CoffeeCooling(0.35, 22.0, 90.0);

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public void derivative(double t, double[] y, double[] dydt) {
        dydt[0] = -k * (y[0] - room);
    }

    /** The exact temperature at time {@code t}. */
    public double[] exact(double t) {
        return new double[] {room + (t0 - room) * Math.exp(-k * t)};
    }
}
