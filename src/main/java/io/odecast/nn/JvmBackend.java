package io.odecast.nn;

/**
 * A neural field on plain {@code double[]} loops: the fastest choice for small batches, where the
 * per-operation overhead of a tensor library dominates. Allocates nothing per call once its
 * workspace has grown to the largest batch seen.
 */
public final class JvmBackend implements FieldBackend {

    private final FieldSpec spec;
    private final int layers;
    private final int[] in;
    private final int[] out;
    private final int[] weights;
    private final int[] biases;
    private final double[] frequencies;
    private final Activation activation;
    /** activations[0] is the input layer; activations[l + 1] the output of hidden layer l, one sample at a time. */
    private final double[][] activations;
    private final double[] gradient;
    private final double[] gradientIn;

    public JvmBackend(FieldSpec spec) {
        this.spec = spec;
        this.layers = spec.layers();
        this.in = new int[layers];
        this.out = new int[layers];
        this.weights = new int[layers];
        this.biases = new int[layers];
        for (int l = 0; l < layers; l++) {
            in[l] = spec.layerIn(l);
            out[l] = spec.layerOut(l);
            weights[l] = spec.weightOffset(l);
            biases[l] = spec.biasOffset(l);
        }
        double[] periods = spec.periods();
        this.frequencies = new double[periods.length];
        for (int k = 0; k < periods.length; k++) {
            frequencies[k] = 2 * Math.PI / periods[k];
        }
        this.activation = spec.activation();
        this.activations = new double[layers][];
        for (int l = 0; l < layers; l++) {
            activations[l] = new double[in[l]];
        }
        this.gradient = new double[spec.maxWidth()];
        this.gradientIn = new double[spec.maxWidth()];
    }

    @Override
    public FieldSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public void forward(double[] params, double[] times, double[] x, int batch, double[] result) {
        int d = spec.stateDim();
        for (int b = 0; b < batch; b++) {
            forwardSample(params, times[b], x, b * d, result, b * d);
        }
    }

    @Override
    public void vjp(double[] params, double[] times, double[] x, int batch, double[] v, double[] xBar, double[] paramBar) {
        int d = spec.stateDim();
        for (int b = 0; b < batch; b++) {
            // Recompute this sample's activations, then pull v back layer by layer.
            forwardSample(params, times[b], x, b * d, null, 0);
            System.arraycopy(v, b * d, gradient, 0, d);
            for (int l = layers - 1; l >= 0; l--) {
                double[] input = activations[l];
                int ni = in[l];
                int no = out[l];
                int w = weights[l];
                int bias = biases[l];
                java.util.Arrays.fill(gradientIn, 0, ni, 0);
                for (int o = 0; o < no; o++) {
                    double g = gradient[o];
                    if (g == 0) {
                        continue;
                    }
                    paramBar[bias + o] += g;
                    int row = w + o * ni;
                    for (int i = 0; i < ni; i++) {
                        paramBar[row + i] += g * input[i];
                        gradientIn[i] += params[row + i] * g;
                    }
                }
                if (l > 0) {
                    for (int i = 0; i < ni; i++) {
                        gradient[i] = gradientIn[i] * activation.derivativeFromOutput(input[i]);
                    }
                }
            }
            System.arraycopy(gradientIn, 0, xBar, b * d, d);
        }
    }

    /** Runs one sample through the network, keeping each layer's input; writes the output if {@code result != null}. */
    private void forwardSample(double[] params, double t, double[] x, int xOffset, double[] result, int resultOffset) {
        int d = spec.stateDim();
        double[] input = activations[0];
        System.arraycopy(x, xOffset, input, 0, d);
        for (int k = 0; k < frequencies.length; k++) {
            input[d + 2 * k] = Math.sin(frequencies[k] * t);
            input[d + 2 * k + 1] = Math.cos(frequencies[k] * t);
        }
        for (int l = 0; l < layers; l++) {
            double[] a = activations[l];
            int ni = in[l];
            int no = out[l];
            int w = weights[l];
            int bias = biases[l];
            boolean last = l == layers - 1;
            double[] next = last ? null : activations[l + 1];
            for (int o = 0; o < no; o++) {
                int row = w + o * ni;
                // Four partial sums break the add dependency chain; the JIT cannot reorder FP adds itself.
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                for (; i + 3 < ni; i += 4) {
                    s0 += params[row + i] * a[i];
                    s1 += params[row + i + 1] * a[i + 1];
                    s2 += params[row + i + 2] * a[i + 2];
                    s3 += params[row + i + 3] * a[i + 3];
                }
                for (; i < ni; i++) {
                    s0 += params[row + i] * a[i];
                }
                double sum = params[bias + o] + ((s0 + s1) + (s2 + s3));
                if (last) {
                    if (result != null) {
                        result[resultOffset + o] = sum;
                    }
                } else {
                    next[o] = activation.apply(sum);
                }
            }
        }
    }
}
