package io.odecast.train;

/** Forecast accuracy measures over paired arrays. */
public final class Metrics {

    private Metrics() {
    }

    public static double mse(double[] predicted, double[] observed) {
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            double e = predicted[i] - observed[i];
            s += e * e;
        }
        return s / predicted.length;
    }

    public static double mae(double[] predicted, double[] observed) {
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            s += Math.abs(predicted[i] - observed[i]);
        }
        return s / predicted.length;
    }

    public static double rmse(double[] predicted, double[] observed) {
        return Math.sqrt(mse(predicted, observed));
    }

    /** Pearson's correlation coefficient; NaN when either side is constant. */
    public static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * The coefficient of determination {@code 1 - SS_res / SS_tot} of predictions against observations:
     * 1 is perfect, 0 is as good as the observations' mean, negative is worse.
     */
    public static double r2(double[] predicted, double[] observed) {
        double m = mean(observed);
        double res = 0;
        double tot = 0;
        for (int i = 0; i < observed.length; i++) {
            res += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
            tot += (observed[i] - m) * (observed[i] - m);
        }
        return 1 - res / tot;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
