package io.odecast.forecast;

import io.odecast.ode.ContinuousSolution;
import io.odecast.train.NeuralOdeModel;

/** Model + latest observed state → a forecast over the horizon, sampled and continuous. */
public final class Forecaster {

    private final double horizon;
    private final int points;

    /**
     * @param horizon how far ahead, in the series' time unit
     * @param points  sampled points on the horizon grid, the start included (at least 2)
     */
    public Forecaster(double horizon, int points) {
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and > 0, got " + horizon);
        }
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, got " + points);
        }
        this.horizon = horizon;
        this.points = points;
    }

    /** Forecasts {@code latest}'s series with {@code model} (version {@code version}) from its observed state. */
    public Forecast forecast(NeuralOdeModel model, long version, Observation latest) {
        return forecast(model, version, latest, null);
    }

    /** The same, with prediction intervals (null: none). */
    public Forecast forecast(NeuralOdeModel model, long version, Observation latest, Intervals intervals) {
        if (!model.variables().equals(latest.variables())) {
            throw new IllegalArgumentException("the model's variables " + model.variables()
                    + " are not the observation's " + latest.variables());
        }
        double t0 = latest.time();
        ContinuousSolution solution = model.continuousFrom(t0, latest.values(), t0 + horizon);
        ForecastCurve curve = ForecastCurve.of(solution, model.timeOrigin(), model.variables(), model.normaliser());
        // The grid in the curve's own time, so rounding through the model's time origin cannot step outside it.
        double start = curve.startTime();
        double end = curve.endTime();
        double[] times = new double[points];
        double[][] values = new double[points][];
        for (int i = 0; i < points; i++) {
            times[i] = i == points - 1 ? end : start + (end - start) * i / (points - 1);
            values[i] = curve.valueAt(times[i]);
        }
        return new Forecast(latest.series(), version, t0, times, values, curve, solution.stats(), intervals);
    }
}
