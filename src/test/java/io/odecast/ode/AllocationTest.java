package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;

import io.odecast.examples.LotkaVolterra;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A running solve allocates nothing per step: the bytes allocated by a solve do not grow with the
 * number of steps. Measured with the JVM's per-thread allocation counter, which is exact and does
 * not depend on timing.
 */
class AllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void allocationDoesNotGrowWithTheNumberOfSteps() {
        OdeSolver loose = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-4, 1e-4));
        OdeSolver tight = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-11, 1e-11));
        double[] y0 = {10, 10};
        for (int i = 0; i < 200; i++) {
            loose.solve(LotkaVolterra.CLASSIC, 0, y0, 50);
            tight.solve(LotkaVolterra.CLASSIC, 0, y0, 50);
        }
        long fewSteps = loose.solve(LotkaVolterra.CLASSIC, 0, y0, 50).stats().attempts();
        long manySteps = tight.solve(LotkaVolterra.CLASSIC, 0, y0, 50).stats().attempts();
        assertThat(manySteps).isGreaterThan(10 * fewSteps);

        long few = minAllocated(loose, y0);
        long many = minAllocated(tight, y0);
        // Per-solve set-up (workspace, result) is the same for both; any per-step allocation would add
        // at least 16 bytes times thousands of extra steps.
        assertThat(many - few).as("extra bytes for %d extra steps", manySteps - fewSteps).isLessThan(256);
    }

    private static long minAllocated(OdeSolver solver, double[] y0) {
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            solver.solve(LotkaVolterra.CLASSIC, 0, y0, 50);
            best = Math.min(best, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return best;
    }
}
