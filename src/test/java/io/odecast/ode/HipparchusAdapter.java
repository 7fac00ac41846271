package io.odecast.ode;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/** Presents an odecast {@link OdeSystem} to Hipparchus, the reference solver of the tests and benchmarks. */
public final class HipparchusAdapter {

    private HipparchusAdapter() {
    }

    public static OrdinaryDifferentialEquation of(OdeSystem system) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return system.dimension();
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] d = new double[system.dimension()];
                system.derivative(t, y, d);
                return d;
            }
        };
    }
}
