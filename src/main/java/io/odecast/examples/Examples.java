package io.odecast.examples;

import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSolution;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import java.util.Arrays;
import java.util.OptionalDouble;

/** Runs the example systems through the solvers and measures them. */
public final class Examples {

    private Examples() {
    }

    /** Solves {@code system} with {@code settings}. */
    public static ExampleResult run(ExampleSystem system, ExampleSettings settings) {
        OdeMethod method = settings.method().orElse(system.defaultMethod());
        double t1 = system.endTime();
        double stepSize = t1 / settings.steps();
        SolverOptions options = method.adaptive()
                ? SolverOptions.defaults().withTolerance(settings.rtol(), settings.atol())
                : SolverOptions.defaults().withFixedStep(stepSize);
        OdeSolver solver = OdeSolver.of(method, options);
        double[] times = new double[settings.points()];
        for (int i = 0; i < times.length; i++) {
            times[i] = t1 * i / (times.length - 1);
        }

        double[] wall = new double[settings.repeats()];
        OdeSolution solution = null;
        for (int r = 0; r < wall.length; r++) {
            long start = System.nanoTime();
            solution = solver.solve(system.system(), 0.0, system.initialState(), times);
            wall[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(wall);
        double[][] states = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            states[i] = solution.state(i);
        }
        return new ExampleResult(system, method.id(),
                method.adaptive() ? OptionalDouble.of(settings.rtol()) : OptionalDouble.empty(),
                method.adaptive() ? OptionalDouble.of(settings.atol()) : OptionalDouble.empty(),
                method.adaptive() ? OptionalDouble.empty() : OptionalDouble.of(stepSize),
                t1, solution.finalState(),
                solution.stats().evaluations(), solution.stats().accepted(), solution.stats().rejected(),
                wall[wall.length / 2], maxAbsError(system, times, states), times, states);
    }

    private static OptionalDouble maxAbsError(ExampleSystem system, double[] times, double[][] states) {
        if (system.hasExactSolution()) {
            double worst = 0;
            for (int i = 0; i < times.length; i++) {
                worst = Math.max(worst, maxAbsDifference(system.exact(times[i]), states[i]));
            }
            return OptionalDouble.of(worst);
        }
        return system.referenceFinalState()
                .map(reference -> OptionalDouble.of(maxAbsDifference(reference, states[states.length - 1])))
                .orElse(OptionalDouble.empty());
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
