package io.odecast.ode;

/**
 * Gradients by the adjoint method (Chen et al., 2018): the cotangent {@code a = ∂L/∂y} and the
 * parameter gradient are integrated backwards in time together with the state, by the same solvers,
 * on the augmented system
 * <pre>
 *   dy/dt = f(t, y),   da/dt = -(∂f/∂y)ᵀ a,   dθ̄/dt = -(∂f/∂θ)ᵀ a.
 * </pre>
 * Memory is independent of the number of steps; the gradient is exact up to the solver tolerance.
 */
public final class Adjoint {

    private Adjoint() {
    }

    /**
     * Pulls {@code yBar} (∂L/∂y at {@code t1}) back to {@code t0}: on return {@code yBar} holds
     * ∂L/∂y(t0) and ∂L/∂θ over [t0, t1] has been added to {@code paramBar}.
     *
     * @param y1 the forward solution at {@code t1}
     * @return the state at {@code t0} reconstructed by the backward solve
     */
    public static double[] backward(OdeSolver solver, DifferentiableSystem system, double t1, double[] y1, double t0,
                                    double[] yBar, double[] paramBar) {
        int n = system.dimension();
        int p = system.parameterCount();
        double[] augmented = new double[2 * n + p];
        System.arraycopy(y1, 0, augmented, 0, n);
        System.arraycopy(yBar, 0, augmented, n, n);
        double[] end = solver.solve(new Augmented(system), t1, augmented, t0).finalState();
        System.arraycopy(end, n, yBar, 0, n);
        for (int i = 0; i < p; i++) {
            paramBar[i] += end[2 * n + i];
        }
        double[] y0 = new double[n];
        System.arraycopy(end, 0, y0, 0, n);
        return y0;
    }

    /** The augmented system [y, a, θ̄]; one evaluation costs one f and one vjp. */
    private static final class Augmented implements OdeSystem {
        private final DifferentiableSystem system;
        private final int n;
        private final int p;
        private final double[] y;
        private final double[] a;
        private final double[] f;
        private final double[] aBar;
        private final double[] pBar;

        Augmented(DifferentiableSystem system) {
            this.system = system;
            this.n = system.dimension();
            this.p = system.parameterCount();
            this.y = new double[n];
            this.a = new double[n];
            this.f = new double[n];
            this.aBar = new double[n];
            this.pBar = new double[p];
        }

        @Override
        public int dimension() {
            return 2 * n + p;
        }

        @Override
        public void derivative(double t, double[] state, double[] d) {
            System.arraycopy(state, 0, y, 0, n);
            System.arraycopy(state, n, a, 0, n);
            system.derivative(t, y, f);
            java.util.Arrays.fill(pBar, 0);
            system.vjp(t, y, a, aBar, pBar);
            System.arraycopy(f, 0, d, 0, n);
            for (int i = 0; i < n; i++) {
                d[n + i] = -aBar[i];
            }
            for (int i = 0; i < p; i++) {
                d[2 * n + i] = -pBar[i];
            }
        }
    }
}
