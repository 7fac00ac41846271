package io.odecast.nn;

import io.odecast.ode.DifferentiableSystem;
import java.util.Arrays;

/**
 * A batch of independent copies of one neural field, as one {@link DifferentiableSystem} over the
 * flattened batch state — each copy (a window) with its own clock.
 *
 * <p>The solver runs in a shared variable {@code s}; copy {@code w} is at time
 * {@code t_w(s) = start[w] + (s - origin) · scale[w]} and moves as {@code dx_w/ds = scale[w] · f(t_w(s), x_w)},
 * the exact change of variables. So windows with different, irregular time grids are solved in one
 * batched solve, segment by segment: on each segment every window maps its own interval onto the same
 * {@code s} interval. With one window, {@code start = origin = 0} and {@code scale = 1}, {@code s} is plain time.
 */
public final class NeuralField implements DifferentiableSystem {

    private final FieldBackend backend;
    private final int stateDim;
    private final int windows;
    private final double[] start;
    private final double[] scale;
    private final double[] times;
    private final double[] scaled;
    private double origin;
    private double[] params;

    public NeuralField(FieldBackend backend, int windows) {
        if (windows < 1) {
            throw new IllegalArgumentException("need at least one window, got " + windows);
        }
        this.backend = backend;
        this.stateDim = backend.spec().stateDim();
        this.windows = windows;
        this.start = new double[windows];
        this.scale = new double[windows];
        this.times = new double[windows];
        this.scaled = new double[windows * stateDim];
        Arrays.fill(scale, 1.0);
    }

    /** Uses {@code params} (not copied: the trainer updates them in place). */
    public NeuralField parameters(double[] params) {
        if (params.length != backend.spec().parameterCount()) {
            throw new IllegalArgumentException("expected " + backend.spec().parameterCount() + " parameters, got "
                    + params.length);
        }
        this.params = params;
        return this;
    }

    /** Sets the clocks of the next segment: at {@code s = origin} window w is at {@code start[w]}, moving {@code scale[w]} per unit s. */
    public void clocks(double origin, double[] start, double[] scale) {
        this.origin = origin;
        System.arraycopy(start, 0, this.start, 0, windows);
        System.arraycopy(scale, 0, this.scale, 0, windows);
    }

    public FieldBackend backend() {
        return backend;
    }

    public int windows() {
        return windows;
    }

    @Override
    public int dimension() {
        return windows * stateDim;
    }

    @Override
    public int parameterCount() {
        return backend.spec().parameterCount();
    }

    @Override
    public void derivative(double s, double[] y, double[] dyds) {
        clockTimes(s);
        backend.forward(params, times, y, windows, dyds);
        for (int w = 0; w < windows; w++) {
            double k = scale[w];
            if (k != 1) {
                for (int i = w * stateDim; i < (w + 1) * stateDim; i++) {
                    dyds[i] *= k;
                }
            }
        }
    }

    @Override
    public void vjp(double s, double[] y, double[] v, double[] yBar, double[] paramBar) {
        clockTimes(s);
        for (int w = 0; w < windows; w++) {
            double k = scale[w];
            for (int i = w * stateDim; i < (w + 1) * stateDim; i++) {
                scaled[i] = k * v[i];
            }
        }
        backend.vjp(params, times, y, windows, scaled, yBar, paramBar);
    }

    private void clockTimes(double s) {
        double ds = s - origin;
        for (int w = 0; w < windows; w++) {
            times[w] = start[w] + ds * scale[w];
        }
    }
}
