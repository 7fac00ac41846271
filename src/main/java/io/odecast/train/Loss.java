package io.odecast.train;

import io.odecast.nn.EnumIds;
import java.util.Locale;

/** Losses averaged over every predicted value, with their gradients. */
public enum Loss {
    MSE {
        @Override
        double pointwise(double e) {
            return e * e;
        }

        @Override
        double derivative(double e) {
            return 2 * e;
        }
    },
    MAE {
        @Override
        double pointwise(double e) {
            return Math.abs(e);
        }

        @Override
        double derivative(double e) {
            return Math.signum(e);
        }
    },
    /** Huber with δ = 1: quadratic near zero, linear in the tails (PyTorch's {@code HuberLoss}). */
    HUBER {
        @Override
        double pointwise(double e) {
            double a = Math.abs(e);
            return a <= 1 ? 0.5 * e * e : a - 0.5;
        }

        @Override
        double derivative(double e) {
            return Math.abs(e) <= 1 ? e : Math.signum(e);
        }
    };

    abstract double pointwise(double error);

    abstract double derivative(double error);

    /**
     * The mean loss over {@code count} values of {@code predicted - target}, read from both arrays
     * from index 0; writes d loss / d predicted into {@code gradient} (may be null).
     */
    public double evaluate(double[] predicted, double[] target, int count, double[] gradient) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double e = predicted[i] - target[i];
            sum += pointwise(e);
            if (gradient != null) {
                gradient[i] = derivative(e) / count;
            }
        }
        return sum / count;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Loss byName(String name) {
        return EnumIds.lookup(values(), Loss::id, name, "loss");
    }
}
