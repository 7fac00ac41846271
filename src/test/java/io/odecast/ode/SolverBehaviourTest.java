package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.odecast.examples.LotkaVolterra;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Output times, dense output, statistics and listeners. */
class SolverBehaviourTest {

    private static final OdeSolver DOPRI5 =
            OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-8, 1e-8));

    @Test
    void outputAtIrregularTimesIncludingTheStartAndRepeats() {
        AnalyticProblem p = AnalyticProblem.nonAutonomous();
        double[] times = {0, 0, 0.013, 0.5, 0.5, 2.71828, 3.14159, 5.999, 6};
        OdeSolution s = DOPRI5.solve(p.system(), 0, p.y0(), times);
        assertThat(s.size()).isEqualTo(times.length);
        assertThat(s.state(0)).containsExactly(p.y0());
        for (int i = 0; i < times.length; i++) {
            assertThat(s.time(i)).isEqualTo(times[i]);
            assertThat(p.maxErrorAt(times[i], s.state(i))).isLessThan(1e-7);
        }
        assertThat(s.state(3)).containsExactly(s.state(4));
    }

    @Test
    void outputTimesAreIndependentOfTheStepsTaken() {
        // Asking for many more output points must not change the steps, only read them.
        AnalyticProblem p = AnalyticProblem.harmonicOscillator();
        OdeSolution few = DOPRI5.solve(p.system(), p.t0(), p.y0(), p.t1());
        double[] many = new double[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = p.t1() * (i + 1) / many.length;
        }
        OdeSolution lots = DOPRI5.solve(p.system(), p.t0(), p.y0(), many);
        assertThat(lots.stats()).isEqualTo(few.stats());
        assertThat(lots.finalState()).containsExactly(few.finalState());
    }

    @Test
    void badOutputTimesAreRejectedWithTheReason() {
        AnalyticProblem p = AnalyticProblem.exponentialDecay();
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, p.y0(), 1, 0.5, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time 1 (0.5) comes after 1.0");
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, p.y0(), -1, 2))
                .hasMessageContaining("in one direction");
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, p.y0(), Double.NaN))
                .hasMessageContaining("output time 0 is NaN");
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, p.y0()))
                .hasMessageContaining("at least one output time");
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, new double[] {1, 2}, 1))
                .hasMessageContaining("y0 has 2 components but the system has 1");
        assertThatThrownBy(() -> DOPRI5.solve(p.system(), 0, new double[] {Double.NaN}, 1))
                .hasMessageContaining("y0[0] is NaN");
    }

    @Test
    void aZeroLengthSolveReturnsTheInitialState() {
        AnalyticProblem p = AnalyticProblem.exponentialDecay();
        OdeSolution s = DOPRI5.solve(p.system(), 1, p.y0(), 1);
        assertThat(s.finalState()).containsExactly(p.y0());
        assertThat(s.stats()).isEqualTo(new SolverStats(1, 0, 0, 0));
        ContinuousSolution c = DOPRI5.solveContinuous(p.system(), 1, p.y0(), 1);
        assertThat(c.segments()).isZero();
        assertThat(c.stateAt(1)).containsExactly(p.y0());
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void continuousSolutionIsAccurateBetweenStepsAndExactAtThem(OdeMethod method) {
        AnalyticProblem p = AnalyticProblem.linearSystem();
        SolverOptions options = method.adaptive()
                ? SolverOptions.defaults().withTolerance(1e-8, 1e-8)
                : SolverOptions.defaults().withFixedStep(method == OdeMethod.EULER ? 1e-4 : 1e-3);
        OdeSolver solver = OdeSolver.of(method, options);
        ContinuousSolution y = solver.solveContinuous(p.system(), p.t0(), p.y0(), p.t1());
        double bound = switch (method) {
            case EULER -> 1e-3;
            case MIDPOINT -> 1e-5;
            default -> 1e-7;
        };
        for (int i = 0; i <= 997; i++) {
            double t = p.t0() + (p.t1() - p.t0()) * i / 997.0;
            assertThat(p.maxErrorAt(t, y.stateAt(t))).as("%s at t = %s", method, t).isLessThan(bound);
        }
        double[] boundaries = y.boundaries();
        assertThat(boundaries[0]).isEqualTo(p.t0());
        assertThat(boundaries[boundaries.length - 1]).isEqualTo(p.t1());
        // At the end the dense solution is the stepped solution exactly.
        assertThat(y.stateAt(p.t1())).containsExactly(solver.solve(p.system(), p.t0(), p.y0(), p.t1()).finalState());
        assertThat(y.segments()).isEqualTo(y.stats().accepted());
    }

    @Test
    void continuousSolutionOfABackwardSolve() {
        AnalyticProblem p = AnalyticProblem.nonAutonomous();
        ContinuousSolution y = DOPRI5.solveContinuous(p.system(), 6, p.exact().apply(6), 0);
        assertThat(y.startTime()).isEqualTo(6);
        assertThat(y.endTime()).isEqualTo(0);
        // Within 20 tolerance units, tol * (1 + max |y|), as the forward solves (AdaptiveSolverTest).
        for (double t = 0; t <= 6; t += 0.0371) {
            assertThat(p.maxErrorAt(t, y.stateAt(t))).isLessThan(20 * 1e-8 * (1 + Math.E));
        }
        assertThatThrownBy(() -> y.stateAt(6.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t = 6.5 is outside the solved interval [0.0, 6.0]");
    }

    @Test
    void segmentCoefficientsReproduceTheSolution() {
        AnalyticProblem p = AnalyticProblem.harmonicOscillator();
        ContinuousSolution y = DOPRI5.solveContinuous(p.system(), p.t0(), p.y0(), p.t1());
        double[] b = y.boundaries();
        int k = y.segments() / 2;
        double[][] r = y.segmentCoefficients(k);
        double t = b[k] + 0.3 * (b[k + 1] - b[k]);
        double theta = 0.3;
        double[] expected = y.stateAt(t);
        for (int i = 0; i < 2; i++) {
            double v = r[0][i] + theta * (r[1][i] + (1 - theta) * (r[2][i] + theta * (r[3][i] + (1 - theta) * r[4][i])));
            assertThat(v).isCloseTo(expected[i], within(1e-14));
        }
    }

    @Test
    void listenerSeesEveryStepInOrderAndCountsMatchTheStatistics() {
        List<double[]> accepted = new ArrayList<>();
        int[] rejected = new int[1];
        StepListener listener = new StepListener() {
            @Override
            public void stepAccepted(StepInterpolant step) {
                double[] end = new double[step.dimension()];
                step.endState(end);
                accepted.add(new double[] {step.startTime(), step.endTime(), end[0]});
            }

            @Override
            public void stepRejected(double time, double stepSize, double errorRatio) {
                assertThat(errorRatio).isGreaterThan(1);
                rejected[0]++;
            }
        };
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-6, 1e-6));
        OdeSolution s = solver.solve(LotkaVolterra.CLASSIC, 0, new double[] {10, 10}, new double[] {50}, listener);
        assertThat(accepted).hasSize((int) s.stats().accepted());
        assertThat(rejected[0]).isEqualTo(s.stats().rejected()).isPositive();
        for (int i = 1; i < accepted.size(); i++) {
            assertThat(accepted.get(i)[0]).isEqualTo(accepted.get(i - 1)[1]);
        }
        assertThat(accepted.get(accepted.size() - 1)[1]).isEqualTo(50);
        assertThat(accepted.get(accepted.size() - 1)[2]).isEqualTo(s.finalState()[0]);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void evaluationCountsFollowTheTableau(OdeMethod method) {
        AnalyticProblem p = AnalyticProblem.exponentialDecay();
        SolverOptions options = method.adaptive()
                ? SolverOptions.defaults().withTolerance(1e-6, 1e-6)
                : SolverOptions.defaults().withFixedStep(0.1);
        int[] calls = new int[1];
        OdeSystem counted = AnalyticProblem.system(1, (t, y, d) -> {
            calls[0]++;
            p.system().derivative(t, y, d);
        });
        SolverStats stats = OdeSolver.of(method, options).solve(counted, p.t0(), p.y0(), p.t1()).stats();
        ButcherTableau tableau = method.tableau();
        // f(t0, y0), the automatic first step's probe, then per attempt: the stages after the first, plus
        // f at the end unless the tableau's last stage already is that (FSAL).
        long perAttempt = tableau.fsal() ? tableau.stages() - 1 : tableau.stages();
        long expected = 1 + (method.adaptive() ? 1 : 0) + perAttempt * stats.attempts();
        assertThat(stats.evaluations()).isEqualTo(expected).isEqualTo(calls[0]);
        if (!method.adaptive()) {
            assertThat(stats.accepted()).isEqualTo(30);
            assertThat(stats.rejected()).isZero();
        }
    }

    @Test
    void aFixedGridLandsOnTheEndWithoutASliverStep() {
        // The seed's ball: RK4 with 1200 steps over [0, 12]; 12 / 0.01 is 1200.0000000000002 in double.
        AnalyticProblem ball = AnalyticProblem.ball();
        OdeSolution s = OdeSolver.of(OdeMethod.RK4, SolverOptions.defaults().withFixedStep(0.01))
                .solve(ball.system(), 0, ball.y0(), 12);
        assertThat(s.stats().accepted()).isEqualTo(1200);
        // A step that does not divide the interval ends with one shorter step.
        OdeSolution uneven = OdeSolver.of(OdeMethod.RK4, SolverOptions.defaults().withFixedStep(0.25))
                .solve(ball.system(), 0, ball.y0(), 1.1);
        assertThat(uneven.stats().accepted()).isEqualTo(5);
        assertThat(ball.maxErrorAt(1.1, uneven.finalState())).isLessThan(1e-5);
    }

    @Test
    void solversAreSafeToShareAcrossThreads() throws Exception {
        AnalyticProblem p = AnalyticProblem.harmonicOscillator();
        double[] expected = DOPRI5.solve(p.system(), p.t0(), p.y0(), p.t1()).finalState();
        List<Thread> threads = new ArrayList<>();
        List<double[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                for (int j = 0; j < 50; j++) {
                    results.add(DOPRI5.solve(p.system(), p.t0(), p.y0(), p.t1()).finalState());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(200).allSatisfy(r -> assertThat(r).containsExactly(expected));
    }
}
