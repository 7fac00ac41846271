package io.odecast.examples;

import io.odecast.ode.OdeSystem;

/**
 * The Lotka–Volterra predator–prey system {@code x' = αx - βxy}, {@code y' = δxy - γy}.
 *
 * @param alpha prey growth rate
 * @param beta  predation rate
 * @param delta predator growth per prey eaten
 * @param gamma predator death rate
 */
public record LotkaVolterra(double alpha, double beta, double delta, double gamma) implements OdeSystem {

    /** The classic benchmark: x' = 1.1x - 0.4xy, y' = 0.1xy - 0.4y. */
    public static final LotkaVolterra CLASSIC = new LotkaVolterra(1.1, 0.4, 0.1, 0.4);

    /** Final state of the classic benchmark from x0 = y0 = 10 at t = 50 (DOP853, rtol = atol = 1e-12). */
    public static final double[] CLASSIC_REFERENCE_AT_50 = {0.07484072063500183, 0.8694301975628022};

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void derivative(double t, double[] y, double[] dydt) {
        double x = y[0];
        double p = y[1];
        dydt[0] = alpha * x - beta * x * p;
        dydt[1] = delta * x * p - gamma * p;
    }
}
