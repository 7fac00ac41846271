package io.odecast.forecast;

/**
 * A forecast waiting for the observations inside its horizon: the model's curve (null when the series
 * had no model) and the baselines' parameters, all issued at the same observation.
 *
 * @param issuedAt     time of the observation it was issued from
 * @param modelVersion the model's version; 0 without a model
 * @param curve        the model's forecast, or null
 * @param halfWidths   the model's interval half-widths per bucket and variable at issue (NaN: none), or null
 * @param last         the observed values at issue (the naive forecast)
 * @param slope        the drift baseline's slope per variable
 */
public record PendingForecast(double issuedAt, long modelVersion, ForecastCurve curve, double[][] halfWidths,
                              double[] last, double[] slope) {
}
