package io.odecast.nn;

/**
 * Evaluates a neural field on a batch: rows {@code b < batch} of the flat arrays are samples of
 * {@link FieldSpec#stateDim()} values each, sample {@code b} at time {@code times[b]}.
 * Implementations keep workspaces and are not thread-safe: one per thread.
 */
public interface FieldBackend {

    FieldSpec spec();

    /** A short name for reports, e.g. {@code jvm} or {@code nd4j-float32}. */
    String name();

    /** {@code out[b] = f(times[b], x[b]; params)}. */
    void forward(double[] params, double[] times, double[] x, int batch, double[] out);

    /**
     * For cotangents {@code v[b]} of the outputs: writes {@code (∂f/∂x)ᵀ v} into {@code xBar}
     * (overwriting it) and adds {@code (∂f/∂params)ᵀ v}, summed over the batch, to {@code paramBar}.
     */
    void vjp(double[] params, double[] times, double[] x, int batch, double[] v, double[] xBar, double[] paramBar);
}
