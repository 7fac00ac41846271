package io.odecast.train;

import io.odecast.ode.DifferentiableSystem;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverStats;
import io.odecast.ode.Tape;

/** How a Neural ODE is integrated through observation times, the same way in training and in use. */
final class Intervals {

    private Intervals() {
    }

    /**
     * Integrates from {@code z0} at {@code t0} through {@code times} (not decreasing, none before
     * {@code t0}): one solve per interval, each starting with the step the previous one proposed, so
     * every requested time is a step end. Writes the state at {@code times[i]} into {@code out[i]} and
     * returns the vector-field evaluations spent.
     */
    static long through(OdeSolver solver, DifferentiableSystem system, Tape scratch, double t0, double[] z0,
                        double[] times, double[][] out) {
        double[] z = z0.clone();
        double t = t0;
        double step = Double.NaN;
        long evaluations = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] < t) {
                throw new IllegalArgumentException("times must not decrease and must not precede the start; time " + i
                        + " comes before " + (i == 0 ? "the start" : "time " + (i - 1)));
            }
            if (times[i] > t) {
                SolverStats stats = solver.record(system, t, z, times[i], scratch, step);
                evaluations += stats.evaluations();
                step = stats.nextStep();
                scratch.endState(z);
                t = times[i];
            }
            out[i] = z.clone();
        }
        return evaluations;
    }
}
