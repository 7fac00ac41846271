package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.odecast.examples.LotkaVolterra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every failure is a typed exception that says where and why; never an endless loop or a silent NaN. */
class FailureModesTest {

    /** y' = y², y(0) = 1 blows up at t = 1: y = 1 / (1 - t). */
    private static final OdeSystem BLOW_UP = AnalyticProblem.system(1, (t, y, d) -> d[0] = y[0] * y[0]);

    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"BOSH3", "DOPRI5"})
    void stepSizeUnderflowAtAFiniteTimeBlowUp(OdeMethod method) {
        OdeSolver solver = OdeSolver.of(method, SolverOptions.defaults().withTolerance(1e-6, 1e-6));
        StepSizeUnderflowException e = catchThrowableOfType(StepSizeUnderflowException.class,
                () -> solver.solve(BLOW_UP, 0, new double[] {1}, 2));
        // The numerical solution blows up within the tolerance of the exact time.
        assertThat(e.time()).isBetween(0.99, 1.01);
        assertThat(Math.abs(e.stepSize())).isLessThan(1e-10);
        assertThat(e.getMessage()).startsWith("step size underflow").contains("at t = " + e.time()).contains("step size h = " + e.stepSize());
    }

    @Test
    void minimumStepIsHonoured() {
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5,
                SolverOptions.defaults().withTolerance(1e-6, 1e-6).withMinStep(1e-4));
        StepSizeUnderflowException e = catchThrowableOfType(StepSizeUnderflowException.class,
                () -> solver.solve(BLOW_UP, 0, new double[] {1}, 2));
        assertThat(Math.abs(e.stepSize())).isLessThan(1e-4);
        assertThat(e.time()).isLessThan(1.0);
        assertThat(e.getMessage()).contains("|h| fell below 1.0E-4");
    }

    @Test
    void maximumStepsExceeded() {
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-9, 1e-9).withMaxSteps(50));
        MaxStepsExceededException e = catchThrowableOfType(MaxStepsExceededException.class,
                () -> solver.solve(LotkaVolterra.CLASSIC, 0, new double[] {10, 10}, 50));
        assertThat(e.time()).isGreaterThan(0).isLessThan(50);
        assertThat(e.getMessage()).startsWith("maximum number of steps (50) exceeded before reaching t = 50.0 at t = ");
    }

    @Test
    void maximumStepsOfAFixedGridIsCheckedBeforeStepping() {
        int[] calls = new int[1];
        OdeSystem counted = AnalyticProblem.system(1, (t, y, d) -> {
            calls[0]++;
            d[0] = -y[0];
        });
        OdeSolver solver = OdeSolver.of(OdeMethod.RK4, SolverOptions.defaults().withFixedStep(1e-3).withMaxSteps(999));
        assertThatThrownBy(() -> solver.solve(counted, 0, new double[] {1}, 1))
                .isInstanceOf(MaxStepsExceededException.class).hasMessageContaining("(999)");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void nonFiniteInitialDerivative() {
        OdeSystem bad = AnalyticProblem.system(2, (t, y, d) -> {
            d[0] = 1;
            d[1] = Math.log(y[1] - 1);
        });
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults());
        assertThatThrownBy(() -> solver.solve(bad, 0, new double[] {0, 0}, 1))
                .isInstanceOf(NonFiniteStateException.class)
                .hasMessageStartingWith("non-finite derivative dy[1]/dt = NaN at the initial state at t = 0.0");
    }

    /** A field that turns NaN past t = 0.5 cannot be stepped over by shrinking: the error says so. */
    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"BOSH3", "DOPRI5"})
    void nonFiniteDerivativeOnTheWayStopsAdaptiveSolvers(OdeMethod method) {
        OdeSystem poisoned = AnalyticProblem.system(1, (t, y, d) -> d[0] = t > 0.5 ? Double.NaN : -y[0]);
        OdeSolver solver = OdeSolver.of(method, SolverOptions.defaults().withTolerance(1e-6, 1e-6));
        NonFiniteStateException e = catchThrowableOfType(NonFiniteStateException.class,
                () -> solver.solve(poisoned, 0, new double[] {1}, 1));
        assertThat(e.time()).isBetween(0.49, 0.5);
        assertThat(e.getMessage()).contains("component 0 however small the step");
    }

    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"EULER", "MIDPOINT", "RK4"})
    void nonFiniteStateStopsFixedStepSolvers(OdeMethod method) {
        // Explicit methods explode on y' = -1000 y with h = 0.1; the explosion overflows to infinity.
        OdeSystem stiff = AnalyticProblem.system(1, (t, y, d) -> d[0] = -1000 * y[0]);
        OdeSolver solver = OdeSolver.of(method, SolverOptions.defaults().withFixedStep(0.1));
        NonFiniteStateException e = catchThrowableOfType(NonFiniteStateException.class,
                () -> solver.solve(stiff, 0, new double[] {1}, 1000));
        assertThat(e.time()).isGreaterThan(0).isLessThan(1000);
        assertThat(e.stepSize()).isEqualTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.getMessage()).startsWith("non-finite state or derivative in component 0 at the end of the step");
    }

    @Test
    void invalidOptionsAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> SolverOptions.defaults().withTolerance(-1e-6, 1e-6)).hasMessageContaining("rtol must be finite and >= 0");
        assertThatThrownBy(() -> SolverOptions.defaults().withTolerance(0, 0)).hasMessageContaining("both zero");
        assertThatThrownBy(() -> SolverOptions.defaults().withFixedStep(0)).hasMessageContaining("fixedStep must be finite and > 0");
        assertThatThrownBy(() -> SolverOptions.defaults().withSafety(1.5)).hasMessageContaining("safety");
        assertThatThrownBy(() -> SolverOptions.defaults().withStepFactors(0.2, 1)).hasMessageContaining("maxFactor");
        assertThatThrownBy(() -> SolverOptions.defaults().withMaxSteps(0)).hasMessageContaining("maxSteps");
        assertThatThrownBy(() -> Tolerance.perComponent(new double[] {1e-6, 1e-6}, new double[] {1, 2, 3}))
                .hasMessageContaining("one value or one per component");
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults()
                .withTolerance(Tolerance.perComponent(new double[] {1e-6, 1e-6, 1e-6}, new double[] {1e-6})));
        assertThatThrownBy(() -> solver.solve(LotkaVolterra.CLASSIC, 0, new double[] {1, 1}, 1))
                .hasMessageContaining("do not fit a state of 2 components");
    }
}
