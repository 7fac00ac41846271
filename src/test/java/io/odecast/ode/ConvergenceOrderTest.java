package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Empirical order of convergence on a fixed grid: halving h divides the global error by about
 * 2^order. Every tableau is checked, the adaptive ones stepping on the same grid without error control.
 */
class ConvergenceOrderTest {

    private static final AnalyticProblem PROBLEM = AnalyticProblem.nonAutonomous();

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void solutionConvergesWithTheMethodsOrder(OdeMethod method) {
        int order = method.tableau().order();
        // Step sizes where the error is well above round-off for every order.
        double h = order >= 4 ? 0.1 : 0.02;
        double e1 = globalError(method, h);
        double e2 = globalError(method, h / 2);
        double e3 = globalError(method, h / 4);
        double observed = Math.log(e2 / e3) / Math.log(2);
        double coarse = Math.log(e1 / e2) / Math.log(2);
        assertThat(observed).as("observed order of %s", method).isCloseTo(order, within(0.2));
        assertThat(coarse).as("observed order of %s on coarser grids", method).isCloseTo(order, within(0.35));
    }

    /**
     * Dense output converges with its own order: Dopri5's continuous extension is 4th order, cubic
     * Hermite 3rd, so the local error at mid-step falls as h^5 and h^4.
     */
    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"RK4", "DOPRI5"})
    void denseOutputConvergesBetweenGridPoints(OdeMethod method) {
        int interpolantOrder = method == OdeMethod.DOPRI5 ? 4 : 3;
        double e1 = midStepError(method, 0.2);
        double e2 = midStepError(method, 0.1);
        double e3 = midStepError(method, 0.05);
        double observed = Math.log(e2 / e3) / Math.log(2);
        assertThat(observed).as("local interpolation error order of %s", method)
                .isCloseTo(interpolantOrder + 1, within(0.25));
        assertThat(Math.log(e1 / e2) / Math.log(2)).as("on coarser grids").isCloseTo(interpolantOrder + 1, within(0.35));
    }

    private static double globalError(OdeMethod method, double h) {
        OdeSolution s = OdeSolver.of(method, SolverOptions.defaults().withFixedStep(h))
                .solve(PROBLEM.system(), PROBLEM.t0(), PROBLEM.y0(), PROBLEM.t1());
        return PROBLEM.maxErrorAt(PROBLEM.t1(), s.finalState());
    }

    /**
     * Error of the interpolant alone at the middle of each step: local error, measured against the
     * exact solution started from each step's own start state, so the global error does not mix in.
     */
    private static double midStepError(OdeMethod method, double h) {
        double worst = 0;
        double[] mid = new double[1];
        for (double t = PROBLEM.t0(); t < PROBLEM.t1() - 1e-9; t += h) {
            double start = t;
            double[] y0 = PROBLEM.exact().apply(start);
            ContinuousSolution y = OdeSolver.of(method, SolverOptions.defaults().withFixedStep(h))
                    .solveContinuous(PROBLEM.system(), start, y0, start + h);
            y.stateAt(start + h / 2, mid);
            worst = Math.max(worst, PROBLEM.maxErrorAt(start + h / 2, mid));
        }
        return worst;
    }
}
