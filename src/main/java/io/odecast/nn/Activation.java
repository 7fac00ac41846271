package io.odecast.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Hidden-layer activations. Each derivative is written in terms of the activation's output. */
public enum Activation {
    TANH {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivativeFromOutput(double a) {
            return 1 - a * a;
        }
    },
    RELU {
        @Override
        public double apply(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivativeFromOutput(double a) {
            return a > 0 ? 1 : 0;
        }
    },
    SOFTPLUS {
        @Override
        public double apply(double z) {
            // log(1 + e^z) without overflow for large z
            return z > 30 ? z : Math.log1p(Math.exp(z));
        }

        @Override
        public double derivativeFromOutput(double a) {
            // sigmoid(z) = 1 - e^(-softplus(z))
            return -Math.expm1(-a);
        }
    };

    public abstract double apply(double z);

    /** d apply / dz, given {@code a = apply(z)}. */
    public abstract double derivativeFromOutput(double a);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation byName(String name) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }
}
