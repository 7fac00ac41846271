package io.odecast.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A neural field on ND4J: whole-batch matrix products, on the CPU with {@code nd4j-native} or on a
 * GPU when the build carries {@code nd4j-cuda} ({@code -Pcuda}). Each ND4J operation costs tens of
 * microseconds of bookkeeping, so this only pays off for large batches or wide layers; see
 * {@link Backends#forBatch}.
 */
public final class Nd4jBackend implements FieldBackend {

    /** Every call's temporaries live in one reused workspace: no off-heap allocation per call once it has grown. */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP).build();

    private final FieldSpec spec;
    private final DataType type;
    private final double[] frequencies;

    /**
     * @param precision {@link DataType#DOUBLE} or {@link DataType#FLOAT}; values cross the boundary as {@code double}
     */
    public Nd4jBackend(FieldSpec spec, DataType precision) {
        if (precision != DataType.DOUBLE && precision != DataType.FLOAT) {
            throw new IllegalArgumentException("ND4J backend precision must be DOUBLE or FLOAT, got " + precision);
        }
        this.spec = spec;
        this.type = precision;
        double[] periods = spec.periods();
        this.frequencies = new double[periods.length];
        for (int k = 0; k < periods.length; k++) {
            frequencies[k] = 2 * Math.PI / periods[k];
        }
    }

    @Override
    public FieldSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return type == DataType.DOUBLE ? "nd4j-float64" : "nd4j-float32";
    }

    /** The ND4J backend in use (CPU or CUDA), for reports. */
    public static String device() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    @Override
    public void forward(double[] params, double[] times, double[] x, int batch, double[] out) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId())) {
            INDArray[] activations = activations(params, times, x, batch);
            double[] result = activations[spec.layers()].data().asDouble();
            System.arraycopy(result, 0, out, 0, batch * spec.stateDim());
        }
    }

    private String workspaceId() {
        return "odecast-field-" + name();
    }

    @Override
    public void vjp(double[] params, double[] times, double[] x, int batch, double[] v, double[] xBar, double[] paramBar) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId())) {
            INDArray[] a = activations(params, times, x, batch);
            int d = spec.stateDim();
            INDArray g = matrix(v, 0, batch * d, batch, d, 'c');
            for (int l = spec.layers() - 1; l >= 0; l--) {
                INDArray input = a[l];
                // dL/dW = gᵀ · input (out × in), dL/db = column sums of g
                addInto(paramBar, spec.weightOffset(l), Nd4j.gemm(g, input, true, false));
                addInto(paramBar, spec.biasOffset(l), g.sum(0));
                INDArray gIn = g.mmul(matrix(params, spec.weightOffset(l), spec.layerOut(l) * spec.layerIn(l),
                        spec.layerOut(l), spec.layerIn(l), 'c'));
                if (l > 0) {
                    gIn.muli(derivative(input));
                }
                g = gIn;
            }
            double[] full = g.dup('c').data().asDouble();
            int in = spec.inputDim();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(full, b * in, xBar, b * d, d);
            }
        }
    }

    /** Row l+1 is the output of layer l; row 0 the input with its time features. */
    private INDArray[] activations(double[] params, double[] times, double[] x, int batch) {
        int d = spec.stateDim();
        int in = spec.inputDim();
        double[] input = new double[batch * in];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(x, b * d, input, b * in, d);
            for (int k = 0; k < frequencies.length; k++) {
                input[b * in + d + 2 * k] = Math.sin(frequencies[k] * times[b]);
                input[b * in + d + 2 * k + 1] = Math.cos(frequencies[k] * times[b]);
            }
        }
        INDArray[] a = new INDArray[spec.layers() + 1];
        a[0] = matrix(input, 0, input.length, batch, in, 'c');
        for (int l = 0; l < spec.layers(); l++) {
            // The row-major out × in weights, read column-major, are their transpose: no copy.
            INDArray weightsT = matrix(params, spec.weightOffset(l), spec.layerOut(l) * spec.layerIn(l),
                    spec.layerIn(l), spec.layerOut(l), 'f');
            INDArray bias = matrix(params, spec.biasOffset(l), spec.layerOut(l), 1, spec.layerOut(l), 'c');
            INDArray z = a[l].mmul(weightsT).addiRowVector(bias);
            a[l + 1] = l == spec.layers() - 1 ? z : activate(z);
        }
        return a;
    }

    private INDArray activate(INDArray z) {
        return switch (spec.activation()) {
            case TANH -> Transforms.tanh(z, false);
            case RELU -> Transforms.relu(z, false);
            case SOFTPLUS -> Transforms.softPlus(z, false);
        };
    }

    /** d activation / dz from the activation's output a. */
    private INDArray derivative(INDArray a) {
        return switch (spec.activation()) {
            case TANH -> a.mul(a).rsubi(1.0);
            case RELU -> a.gt(0.0).castTo(type);
            case SOFTPLUS -> Transforms.exp(a.neg(), false).rsubi(1.0);
        };
    }

    /** {@code values[offset, offset + length)} as a rows × cols matrix in this backend's precision. */
    private INDArray matrix(double[] values, int offset, int length, int rows, int cols, char order) {
        long[] shape = {rows, cols};
        if (type == DataType.DOUBLE) {
            return Nd4j.create(java.util.Arrays.copyOfRange(values, offset, offset + length), shape, order);
        }
        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = (float) values[offset + i];
        }
        return Nd4j.create(f, shape, order);
    }

    private static void addInto(double[] target, int offset, INDArray values) {
        double[] v = values.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            target[offset + i] += v[i];
        }
    }
}
