package io.odecast.ode;

/**
 * Step-size control as pure functions: the error norm, the next step size, the first step size.
 * Kept free of solver state so each rule can be tested on its own.
 */
public final class StepControl {

    private StepControl() {
    }

    /**
     * The mixed RMS error ratio {@code sqrt(mean((err_i / (atol_i + rtol_i * max(|y0_i|, |y1_i|)))^2))}
     * of an embedded pair, where {@code err = h * sum_s errorWeights[s] * k[s]}. A step is accepted
     * when the ratio is at most 1. Non-finite input gives a non-finite ratio.
     */
    public static double errorRatio(double h, double[] errorWeights, double[][] k, double[] y0, double[] y1,
                                    double[] rtol, double[] atol) {
        int n = y0.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int s = 0; s < errorWeights.length; s++) {
                double w = errorWeights[s];
                if (w != 0) {
                    e += w * k[s][i];
                }
            }
            double scale = atol[i] + rtol[i] * Math.max(Math.abs(y0[i]), Math.abs(y1[i]));
            double r = h * e / scale;
            sum += r * r;
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /**
     * The factor to multiply the step size by after an attempt with the given error ratio:
     * {@code safety * ratio^(-1/(q+1))} for an error estimate of order {@code q}, clamped to
     * {@code [minFactor, maxFactor]}. A non-finite ratio shrinks by {@code minFactor}.
     */
    public static double stepFactor(double errorRatio, int errorOrder, double safety, double minFactor, double maxFactor) {
        if (!Double.isFinite(errorRatio)) {
            return minFactor;
        }
        if (errorRatio == 0) {
            return maxFactor;
        }
        double factor = safety * Math.pow(errorRatio, -1.0 / (errorOrder + 1));
        return Math.min(maxFactor, Math.max(minFactor, factor));
    }

    /**
     * Hairer's automatic first step (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4), costing one
     * evaluation of the system. Returns the magnitude of the step.
     *
     * @param f0    {@code f(t0, y0)}
     * @param yWork scratch array of the state's length
     * @param fWork scratch array of the state's length
     */
    public static double initialStep(OdeSystem system, double t0, double[] y0, double[] f0, double direction,
                                     int order, double[] rtol, double[] atol, double[] yWork, double[] fWork) {
        int n = y0.length;
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol[i] + rtol[i] * Math.abs(y0[i]);
            d0 += sq(y0[i] / scale);
            d1 += sq(f0[i] / scale);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;

        for (int i = 0; i < n; i++) {
            yWork[i] = y0[i] + direction * h0 * f0[i];
        }
        system.derivative(t0 + direction * h0, yWork, fWork);
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double scale = atol[i] + rtol[i] * Math.abs(y0[i]);
            d2 += sq((fWork[i] - f0[i]) / scale);
        }
        d2 = Math.sqrt(d2 / n) / h0;
        if (!Double.isFinite(d2)) {
            return h0;
        }
        double h1 = (d1 <= 1e-15 && d2 <= 1e-15)
                ? Math.max(1e-6, h0 * 1e-3)
                : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (order + 1));
        return Math.min(100 * h0, h1);
    }

    private static double sq(double x) {
        return x * x;
    }
}
