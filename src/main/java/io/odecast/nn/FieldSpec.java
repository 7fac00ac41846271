package io.odecast.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The shape of a neural vector field {@code dx/dt = MLP([x, sin(2πt/P_k), cos(2πt/P_k) for P_k in periods])}:
 * state size, hidden widths, activation and time-feature periods. The parameters of layer {@code l}
 * are its weights (row-major, {@code out × in}) followed by its biases, layer after layer, in one flat array.
 *
 * @param stateDim   size of the state x (also the output size)
 * @param hidden     hidden layer widths, e.g. {@code {64, 64}}
 * @param activation hidden-layer activation; the output layer is linear
 * @param periods    periods of the Fourier time features; empty for an autonomous field
 */
public record FieldSpec(int stateDim, int[] hidden, Activation activation, double[] periods) {

    public FieldSpec {
        if (stateDim < 1) {
            throw new IllegalArgumentException("stateDim must be >= 1, got " + stateDim);
        }
        Objects.requireNonNull(activation, "activation");
        hidden = hidden.clone();
        periods = periods.clone();
        for (int w : hidden) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden widths must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        for (double p : periods) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("periods must be finite and > 0, got " + Arrays.toString(periods));
            }
        }
    }

    /** The seed's field: two hidden layers of 64 tanh units, time features with periods 8 and 11. */
    public static FieldSpec seed(int stateDim) {
        return new FieldSpec(stateDim, new int[] {64, 64}, Activation.TANH, new double[] {8, 11});
    }

    public int inputDim() {
        return stateDim + 2 * periods.length;
    }

    /** Number of linear layers (hidden layers plus the output layer). */
    public int layers() {
        return hidden.length + 1;
    }

    /** Input width of layer {@code l}. */
    public int layerIn(int l) {
        return l == 0 ? inputDim() : hidden[l - 1];
    }

    /** Output width of layer {@code l}. */
    public int layerOut(int l) {
        return l == hidden.length ? stateDim : hidden[l];
    }

    /** Offset of layer {@code l}'s weights in the flat parameter array; its biases follow them. */
    public int weightOffset(int l) {
        int offset = 0;
        for (int i = 0; i < l; i++) {
            offset += layerOut(i) * (layerIn(i) + 1);
        }
        return offset;
    }

    public int biasOffset(int l) {
        return weightOffset(l) + layerOut(l) * layerIn(l);
    }

    public int parameterCount() {
        return weightOffset(layers());
    }

    /** Multiply-adds of one forward evaluation of one sample. */
    public long multiplyAdds() {
        long macs = 0;
        for (int l = 0; l < layers(); l++) {
            macs += (long) layerIn(l) * layerOut(l);
        }
        return macs;
    }

    /** The widest layer, for workspaces. */
    public int maxWidth() {
        int w = inputDim();
        for (int l = 0; l < layers(); l++) {
            w = Math.max(w, layerOut(l));
        }
        return w;
    }

    /** Fresh parameters, deterministic in {@code seed}. */
    public double[] initialParameters(Initialisation init, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] p = new double[parameterCount()];
        for (int l = 0; l < layers(); l++) {
            double bound = 1 / Math.sqrt(layerIn(l));
            int w = weightOffset(l);
            int b = biasOffset(l);
            for (int i = w; i < b; i++) {
                double weight = random.nextDouble(-bound, bound);
                p[i] = init == Initialisation.SEED ? 0.1 * weight : weight;
            }
            for (int i = b; i < b + layerOut(l); i++) {
                // Drawn either way, so both initialisations share every weight draw.
                double bias = random.nextDouble(-bound, bound);
                p[i] = init == Initialisation.SEED ? 0 : bias;
            }
        }
        return p;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public double[] periods() {
        return periods.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSpec s && stateDim == s.stateDim && Arrays.equals(hidden, s.hidden)
                && activation == s.activation && Arrays.equals(periods, s.periods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stateDim, Arrays.hashCode(hidden), activation, Arrays.hashCode(periods));
    }

    @Override
    public String toString() {
        return "FieldSpec[" + inputDim() + " -> " + Arrays.toString(hidden) + " " + activation.id() + " -> " + stateDim
                + ", periods " + Arrays.toString(periods) + "]";
    }
}
