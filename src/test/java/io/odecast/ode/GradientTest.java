package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reverse mode through the solver steps ({@link Tape}) and the adjoint method ({@link Adjoint})
 * against central finite differences, for ∂L/∂y0 and ∂L/∂θ of L = w · y(t1).
 */
class GradientTest {

    /** A nonlinear, non-autonomous field with four parameters: a perturbed predator–prey system. */
    static final class Field implements DifferentiableSystem {
        final double[] theta;

        Field(double... theta) {
            this.theta = theta;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 4;
        }

        @Override
        public void derivative(double t, double[] y, double[] d) {
            d[0] = theta[0] * y[0] - theta[1] * y[0] * y[1] + 0.1 * Math.sin(t);
            d[1] = theta[2] * y[0] * y[1] - theta[3] * y[1];
        }

        @Override
        public void vjp(double t, double[] y, double[] v, double[] yBar, double[] paramBar) {
            yBar[0] = v[0] * (theta[0] - theta[1] * y[1]) + v[1] * theta[2] * y[1];
            yBar[1] = -v[0] * theta[1] * y[0] + v[1] * (theta[2] * y[0] - theta[3]);
            paramBar[0] += v[0] * y[0];
            paramBar[1] += -v[0] * y[0] * y[1];
            paramBar[2] += v[1] * y[0] * y[1];
            paramBar[3] += -v[1] * y[1];
        }
    }

    private static final double[] THETA = {1.1, 0.4, 0.1, 0.4};
    private static final double[] Y0 = {2.0, 1.5};
    private static final double[] W = {0.7, -1.3};
    private static final double T1 = 4.0;

    private static double loss(OdeSolver solver, double[] theta, double[] y0) {
        double[] y = solver.solve(new Field(theta), 0, y0, T1).finalState();
        return W[0] * y[0] + W[1] * y[1];
    }

    /** Central differences of L over (y0, θ), relative step {@code eps}. */
    private static double[] finiteDifferences(OdeSolver solver, double eps) {
        double[] g = new double[6];
        for (int k = 0; k < 6; k++) {
            double[] y0 = Y0.clone();
            double[] theta = THETA.clone();
            double[] x = k < 2 ? y0 : theta;
            int i = k < 2 ? k : k - 2;
            double h = eps * Math.max(1, Math.abs(x[i]));
            double base = x[i];
            x[i] = base + h;
            double up = loss(solver, theta, y0);
            x[i] = base - h;
            double down = loss(solver, theta, y0);
            g[k] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double[] tapeGradient(OdeSolver solver) {
        Field field = new Field(THETA);
        Tape tape = Tape.of(solver.method(), 2);
        solver.record(field, 0, Y0, T1, tape);
        double[] yBar = W.clone();
        double[] pBar = new double[4];
        tape.backward(field, yBar, pBar);
        return new double[] {yBar[0], yBar[1], pBar[0], pBar[1], pBar[2], pBar[3]};
    }

    private static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return num / den;
    }

    /** On a fixed grid the tape is the exact derivative of the discrete solution map. */
    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void reverseModeMatchesFiniteDifferencesOfTheDiscreteSolution(OdeMethod method) {
        OdeSolver solver = OdeSolver.of(method, SolverOptions.defaults().withFixedStep(0.05));
        double[] tape = tapeGradient(solver);
        double[] fd = finiteDifferences(solver, 1e-5);
        assertThat(relativeError(tape, fd)).as("%s", method).isLessThan(1e-6);
    }

    /** Adaptive steps are constants of the graph; at a tight tolerance that is the true gradient. */
    @Test
    void reverseModeThroughAdaptiveStepsMatchesTheTrueGradient() {
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-10, 1e-10));
        double[] tape = tapeGradient(solver);
        double[] fd = finiteDifferences(
                OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-13, 1e-13)), 1e-5);
        assertThat(relativeError(tape, fd)).isLessThan(1e-6);
    }

    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"BOSH3", "DOPRI5"})
    void adjointMatchesFiniteDifferencesWithinTheTolerance(OdeMethod method) {
        double[] fd = finiteDifferences(
                OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-13, 1e-13)), 1e-5);
        for (double tol : new double[] {1e-6, 1e-9}) {
            OdeSolver solver = OdeSolver.of(method, SolverOptions.defaults().withTolerance(tol, tol));
            Field field = new Field(THETA);
            double[] y1 = solver.solve(field, 0, Y0, T1).finalState();
            double[] yBar = W.clone();
            double[] pBar = new double[4];
            double[] y0 = Adjoint.backward(solver, field, T1, y1, 0, yBar, pBar);
            double[] adjoint = {yBar[0], yBar[1], pBar[0], pBar[1], pBar[2], pBar[3]};
            // Bounded by a small multiple of the tolerance, as the forward solve's own error is.
            assertThat(relativeError(adjoint, fd)).as("%s at %s", method, tol).isLessThan(100 * tol);
            assertThat(Math.abs(y0[0] - Y0[0]) + Math.abs(y0[1] - Y0[1])).isLessThan(100 * tol);
        }
    }

    @Test
    void aRecordedSolveEqualsThePlainSolveAndTheTapeIsReusable() {
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-6, 1e-6));
        Field field = new Field(THETA);
        Tape tape = Tape.of(OdeMethod.DOPRI5, 2);
        SolverStats first = solver.record(field, 0, Y0, T1, tape);
        double[] end = new double[2];
        tape.endState(end);
        OdeSolution plain = solver.solve(field, 0, Y0, T1);
        assertThat(end).containsExactly(plain.finalState());
        assertThat(first).isEqualTo(plain.stats());
        assertThat(tape.steps()).isEqualTo((int) first.accepted());

        solver.record(field, 0, Y0, 1.0, tape);
        assertThat(tape.steps()).isLessThan((int) first.accepted());
        double[] g1 = tapeGradient(solver);
        double[] g2 = tapeGradient(solver);
        assertThat(g1).containsExactly(g2);
    }
}
