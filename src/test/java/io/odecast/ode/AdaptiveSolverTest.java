package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.odecast.examples.LotkaVolterra;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The adaptive methods meet their tolerance, run backwards, and spend effort where the tolerance asks. */
class AdaptiveSolverTest {

    static Stream<Arguments> methodsAndProblems() {
        List<Arguments> out = new ArrayList<>();
        for (OdeMethod m : List.of(OdeMethod.BOSH3, OdeMethod.DOPRI5)) {
            for (AnalyticProblem p : List.of(AnalyticProblem.exponentialDecay(), AnalyticProblem.harmonicOscillator(),
                    AnalyticProblem.nonAutonomous(), AnalyticProblem.linearSystem())) {
                out.add(Arguments.of(m, p));
            }
        }
        return out.stream();
    }

    /**
     * Over rtol = atol = 1e-3 .. 1e-10 the global error, measured in units of the tolerance scale
     * {@code tol * (1 + |y|)}, stays bounded and proportional to the tolerance. The controller bounds
     * the local error per step; over the tens to hundreds of steps of these problems the global error
     * is a bounded multiple of it, and that multiple must not drift as the tolerance tightens.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("methodsAndProblems")
    void globalErrorIsProportionalToTheTolerance(OdeMethod method, AnalyticProblem p) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int exponent = 3; exponent <= 10; exponent++) {
            double tol = Math.pow(10, -exponent);
            OdeSolution s = OdeSolver.of(method, SolverOptions.defaults().withTolerance(tol, tol))
                    .solve(p.system(), p.t0(), p.y0(), p.t1());
            double scale = 0;
            for (double v : p.exact().apply(p.t1())) {
                scale = Math.max(scale, tol * (1 + Math.abs(v)));
            }
            double relative = p.maxErrorAt(p.t1(), s.finalState()) / scale;
            smallest = Math.min(smallest, relative);
            largest = Math.max(largest, relative);
        }
        assertThat(largest).as("error in units of the tolerance").isLessThan(50);
        assertThat(largest / Math.max(smallest, 1e-3)).as("drift of error / tolerance over 7 decades").isLessThan(10);
    }

    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"BOSH3", "DOPRI5"})
    void tighterToleranceCostsMoreAndGivesLessError(OdeMethod method) {
        AnalyticProblem p = AnalyticProblem.harmonicOscillator();
        long previousNfe = 0;
        double previousError = Double.POSITIVE_INFINITY;
        for (double tol : new double[] {1e-4, 1e-6, 1e-8}) {
            OdeSolution s = OdeSolver.of(method, SolverOptions.defaults().withTolerance(tol, tol))
                    .solve(p.system(), p.t0(), p.y0(), p.t1());
            double error = p.maxErrorAt(p.t1(), s.finalState());
            assertThat(s.stats().evaluations()).isGreaterThan(previousNfe);
            assertThat(error).isLessThan(previousError);
            previousNfe = s.stats().evaluations();
            previousError = error;
        }
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void timeMayRunBackwards(OdeMethod method) {
        AnalyticProblem p = AnalyticProblem.nonAutonomous();
        SolverOptions options = method.adaptive()
                ? SolverOptions.defaults().withTolerance(1e-9, 1e-9)
                : SolverOptions.defaults().withFixedStep(method == OdeMethod.EULER ? 1e-4 : 1e-3);
        double[] times = {5, 3.3, 1, -0.5};
        OdeSolution s = OdeSolver.of(method, options).solve(p.system(), 6, p.exact().apply(6), times);
        for (int i = 0; i < times.length; i++) {
            assertThat(p.maxErrorAt(times[i], s.state(i))).as("%s backwards at t = %s", method, times[i])
                    .isLessThan(method == OdeMethod.EULER ? 1e-3 : 1e-7);
        }
    }

    @Test
    void forwardThenBackwardReturnsToTheStart() {
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-10, 1e-10));
        double[] end = solver.solve(LotkaVolterra.CLASSIC, 0, new double[] {10, 10}, 10).finalState();
        double[] back = solver.solve(LotkaVolterra.CLASSIC, 10, end, 0).finalState();
        assertThat(back[0]).isCloseTo(10, within(1e-6));
        assertThat(back[1]).isCloseTo(10, within(1e-6));
    }

    @Test
    void perComponentToleranceLoosensOnlyItsComponent() {
        AnalyticProblem p = AnalyticProblem.harmonicOscillator();
        Tolerance both = Tolerance.of(1e-9, 1e-9);
        Tolerance looseVelocity = Tolerance.perComponent(new double[] {1e-9, 1e-3}, new double[] {1e-9, 1e-3});
        long tight = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(both))
                .solve(p.system(), p.t0(), p.y0(), p.t1()).stats().evaluations();
        long mixed = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(looseVelocity))
                .solve(p.system(), p.t0(), p.y0(), p.t1()).stats().evaluations();
        long loose = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-3, 1e-3))
                .solve(p.system(), p.t0(), p.y0(), p.t1()).stats().evaluations();
        assertThat(mixed).isLessThan(tight).isGreaterThan(loose);
    }

    @Test
    void maxStepBoundsEveryStep() {
        List<Double> sizes = new ArrayList<>();
        StepListener listener = new StepListener() {
            @Override
            public void stepAccepted(StepInterpolant step) {
                sizes.add(step.stepSize());
            }
        };
        AnalyticProblem p = AnalyticProblem.exponentialDecay();
        OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-3, 1e-3).withMaxStep(0.05))
                .solve(p.system(), p.t0(), p.y0(), new double[] {p.t1()}, listener);
        assertThat(sizes).isNotEmpty().allSatisfy(h -> assertThat(h).isLessThanOrEqualTo(0.05 * 1.01));
        assertThat(sizes.size()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void givenInitialStepIsTheFirstAttempt() {
        List<Double> first = new ArrayList<>();
        StepListener listener = new StepListener() {
            @Override
            public void stepAccepted(StepInterpolant step) {
                if (first.isEmpty()) {
                    first.add(step.stepSize());
                }
            }
        };
        AnalyticProblem p = AnalyticProblem.exponentialDecay();
        OdeSolution s = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withInitialStep(1e-3))
                .solve(p.system(), p.t0(), p.y0(), new double[] {p.t1()}, listener);
        assertThat(first).containsExactly(1e-3);
        // No evaluation is spent choosing the first step: 1 + 6 per attempt.
        assertThat(s.stats().evaluations()).isEqualTo(1 + 6 * s.stats().attempts());
    }
}
