package io.odecast.forecast;

/**
 * One earlier forecast scored against one new observation.
 *
 * @param method       what made the forecast
 * @param modelVersion the model's version (0 for the baselines)
 * @param bucket       lead-time bucket, 1-based
 * @param lead         observation time minus issue time
 * @param errors       observed minus forecast, per variable (series units)
 * @param scaled       |error| over the series' in-sample naive one-step MAE, per variable (NaN until known)
 * @param covered      per variable: inside the forecast's interval; null when it had none
 */
public record Score(Method method, long modelVersion, int bucket, double lead, double[] errors, double[] scaled,
                    boolean[] covered) {
}
