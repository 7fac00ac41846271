package io.odecast.train;

import io.odecast.nn.EnumIds;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A per-variable transform to the space the model learns in, and back.
 *
 * @param kind how values are transformed
 * @param mean per-variable mean of the (log-transformed) values the normaliser was fitted on
 * @param std  per-variable standard deviation (population, plus 1e-8 as the seed does)
 */
public record Normaliser(Kind kind, double[] mean, double[] std) {

    /** The transforms. */
    public enum Kind {
        /** Values as they are. */
        NONE,
        /** {@code (x - mean) / std}. */
        ZSCORE,
        /** {@code (log1p(x) - mean) / std}: for positive, skewed counts such as populations. */
        LOG1P_ZSCORE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind byName(String name) {
            return EnumIds.lookup(values(), Kind::id, name, "normaliser");
        }
    }

    private static final double STD_FLOOR = 1e-8;

    public Normaliser {
        Objects.requireNonNull(kind, "kind");
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have one value per variable");
        }
        for (int v = 0; v < std.length; v++) {
            if (!(std[v] > 0) || !Double.isFinite(mean[v]) || Double.isInfinite(std[v])) {
                throw new IllegalArgumentException("normaliser of variable " + v + " needs a finite mean and a std > 0");
            }
        }
    }

    /** Fits the transform to {@code rows} (observations × variables). */
    public static Normaliser fit(Kind kind, double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        if (kind == Kind.NONE) {
            Arrays.fill(std, 1);
            return new Normaliser(kind, mean, std);
        }
        for (int v = 0; v < d; v++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += transform(kind, row[v], v);
            }
            mean[v] = sum / rows.length;
            double squares = 0;
            for (double[] row : rows) {
                double dev = transform(kind, row[v], v) - mean[v];
                squares += dev * dev;
            }
            std[v] = Math.sqrt(squares / rows.length) + STD_FLOOR;
        }
        return new Normaliser(kind, mean, std);
    }

    public int dimension() {
        return mean.length;
    }

    /** Raw values to model space. */
    public double[] normalise(double[] raw) {
        double[] out = new double[raw.length];
        for (int v = 0; v < raw.length; v++) {
            out[v] = (transform(kind, raw[v], v) - mean[v]) / std[v];
        }
        return out;
    }

    /** Model space back to raw values. */
    public double[] denormalise(double[] z) {
        double[] out = new double[z.length];
        for (int v = 0; v < z.length; v++) {
            double x = z[v] * std[v] + mean[v];
            out[v] = kind == Kind.LOG1P_ZSCORE ? Math.expm1(x) : x;
        }
        return out;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    private static double transform(Kind kind, double x, int variable) {
        if (kind != Kind.LOG1P_ZSCORE) {
            return x;
        }
        if (!(x > -1)) {
            throw new IllegalArgumentException("log1p needs values > -1; variable " + variable + " has " + x);
        }
        return Math.log1p(x);
    }
}
