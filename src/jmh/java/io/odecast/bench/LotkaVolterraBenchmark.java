package io.odecast.bench;

import io.odecast.examples.LotkaVolterra;
import io.odecast.ode.HipparchusAdapter;
import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import java.util.concurrent.TimeUnit;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Lotka–Volterra solve (x' = 1.1x - 0.4xy, y' = 0.1xy - 0.4y, x0 = y0 = 10, t in [0, 50]) with
 * Dormand–Prince 5(4) at equal tolerances: odecast's Dopri5 against Hipparchus'
 * {@code DormandPrince54Integrator}, side by side in one run. Sample mode, so JMH reports the median
 * (p0.50) of single solves.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.args="LotkaVolterraBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LotkaVolterraBenchmark {

    private static final double T1 = 50;

    @Param({"1e-6", "1e-9"})
    private double tolerance;

    private OdeSolver odecast;
    private DormandPrince54Integrator hipparchus;
    private final OrdinaryDifferentialEquation hipparchusSystem = HipparchusAdapter.of(LotkaVolterra.CLASSIC);
    private final double[] y0 = {10, 10};

    @Setup
    public void setUp() {
        odecast = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(tolerance, tolerance));
        hipparchus = new DormandPrince54Integrator(1e-12, T1, tolerance, tolerance);
    }

    @Benchmark
    public double[] odecastDopri5() {
        return odecast.solve(LotkaVolterra.CLASSIC, 0, y0, T1).finalState();
    }

    @Benchmark
    public double[] hipparchusDormandPrince54() {
        ODEStateAndDerivative end = hipparchus.integrate(hipparchusSystem, new ODEState(0, y0.clone()), T1);
        return end.getPrimaryState();
    }
}
