package io.odecast.ode;

import java.util.Arrays;

/**
 * The record of a solve that gradients flow back through: every accepted step's times and stage
 * states (discretise-then-optimise, as reverse mode through torchdiffeq's {@code odeint}; the step
 * sizes are constants of the graph, so rejected attempts play no part).
 *
 * <p>Reusable: {@link OdeSolver#record} clears it, and neither recording nor {@link #backward}
 * allocates once its buffers have grown to the size of the solve. Memory is
 * {@code O(steps × stages × dimension)}; {@link Adjoint} trades it for a second solve.
 */
public final class Tape {

    private final int dimension;
    private final int stages;
    /** Stages whose derivative reaches the step's result; an FSAL tableau's last stage does not. */
    private final int used;
    private final double[] c;
    private final double[][] a;
    private final double[] b;

    private double[] bounds = new double[2 * 16];
    private double[] stageStates;
    private int steps;
    private final double[] endState;
    private final double[][] kBar;
    private final double[] stageBar;
    private final double[] startBar;
    private final double[] stageState;

    Tape(ButcherTableau tableau, int dimension) {
        this.dimension = dimension;
        this.stages = tableau.stages();
        this.used = tableau.fsal() ? stages - 1 : stages;
        this.c = tableau.c();
        this.a = tableau.a();
        this.b = tableau.b();
        this.stageStates = new double[16 * used * dimension];
        this.endState = new double[dimension];
        this.kBar = new double[used][dimension];
        this.stageBar = new double[dimension];
        this.startBar = new double[dimension];
        this.stageState = new double[dimension];
    }

    /** A tape for solves of {@code dimension} components with {@code method}. */
    public static Tape of(OdeMethod method, int dimension) {
        return new Tape(method.tableau(), dimension);
    }

    public int dimension() {
        return dimension;
    }

    /** Accepted steps recorded. */
    public int steps() {
        return steps;
    }

    /** Copies the state at the end of the recorded solve into {@code out}. */
    public void endState(double[] out) {
        System.arraycopy(endState, 0, out, 0, dimension);
    }

    void start(double[] y0) {
        steps = 0;
        System.arraycopy(y0, 0, endState, 0, dimension);
    }

    void record(RungeKuttaStepper stepper) {
        int stride = used * dimension;
        if (2 * (steps + 1) > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
            stageStates = Arrays.copyOf(stageStates, bounds.length / 2 * stride);
        }
        bounds[2 * steps] = stepper.time();
        bounds[2 * steps + 1] = stepper.endTime();
        for (int s = 0; s < used; s++) {
            System.arraycopy(stepper.stageState(s), 0, stageStates, steps * stride + s * dimension, dimension);
        }
        System.arraycopy(stepper.endState(), 0, endState, 0, dimension);
        steps++;
    }

    /**
     * Pulls a cotangent back through the recorded steps: on entry {@code yBar} is ∂L/∂y at the end of
     * the solve, on return it is ∂L/∂y at the start; ∂L/∂θ is added to {@code paramBar}.
     * {@code system} must be the system that was recorded, in the same configuration.
     */
    public void backward(DifferentiableSystem system, double[] yBar, double[] paramBar) {
        int stride = used * dimension;
        for (int n = steps - 1; n >= 0; n--) {
            double t = bounds[2 * n];
            double h = bounds[2 * n + 1] - t;
            for (int s = 0; s < used; s++) {
                double w = h * b[s];
                double[] ks = kBar[s];
                for (int i = 0; i < dimension; i++) {
                    ks[i] = w * yBar[i];
                }
            }
            System.arraycopy(yBar, 0, startBar, 0, dimension);
            for (int s = used - 1; s >= 0; s--) {
                System.arraycopy(stageStates, n * stride + s * dimension, stageState, 0, dimension);
                system.vjp(t + c[s] * h, stageState, kBar[s], stageBar, paramBar);
                for (int i = 0; i < dimension; i++) {
                    startBar[i] += stageBar[i];
                }
                double[] as = a[s];
                for (int j = 0; j < s; j++) {
                    double w = h * as[j];
                    if (w != 0) {
                        double[] kj = kBar[j];
                        for (int i = 0; i < dimension; i++) {
                            kj[i] += w * stageBar[i];
                        }
                    }
                }
            }
            System.arraycopy(startBar, 0, yBar, 0, dimension);
        }
    }
}
