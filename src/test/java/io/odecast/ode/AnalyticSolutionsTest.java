package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method on every analytic problem. Each method is one line: its options and the relative
 * error it must reach, {@code max_i |y_i - exact_i| / (1 + max_i |exact_i|)} at 50 output times.
 */
class AnalyticSolutionsTest {

    record Setup(OdeMethod method, SolverOptions options, double bound) {
        @Override
        public String toString() {
            return method.id();
        }
    }

    static final List<Setup> SETUPS = List.of(
            new Setup(OdeMethod.EULER, SolverOptions.defaults().withFixedStep(1e-3), 1e-2),
            new Setup(OdeMethod.MIDPOINT, SolverOptions.defaults().withFixedStep(1e-3), 2e-5),
            new Setup(OdeMethod.RK4, SolverOptions.defaults().withFixedStep(1e-2), 1e-8),
            new Setup(OdeMethod.BOSH3, SolverOptions.defaults().withTolerance(1e-8, 1e-10), 1e-6),
            new Setup(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-8, 1e-10), 1e-6));

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Setup s : SETUPS) {
            for (AnalyticProblem p : AnalyticProblem.all()) {
                out.add(Arguments.of(s, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("matrix")
    void matchesTheExactSolution(Setup setup, AnalyticProblem problem) {
        double[] times = new double[50];
        for (int i = 0; i < times.length; i++) {
            times[i] = problem.t0() + (problem.t1() - problem.t0()) * (i + 1) / times.length;
        }
        OdeSolution solution = OdeSolver.of(setup.method(), setup.options())
                .solve(problem.system(), problem.t0(), problem.y0(), times);

        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            double[] exact = problem.exact().apply(times[i]);
            double scale = 1;
            for (double e : exact) {
                scale = Math.max(scale, 1 + Math.abs(e));
            }
            worst = Math.max(worst, problem.maxErrorAt(times[i], solution.state(i)) / scale);
        }
        assertThat(worst).as("relative error of %s on %s", setup.method(), problem).isLessThan(setup.bound());
        assertThat(solution.time(times.length - 1)).isEqualTo(problem.t1());
    }
}
