package io.odecast.forecast;

/**
 * A forecast's prediction intervals: per lead bucket and variable, the half-width around the forecast
 * that held {@code level} of the recent errors in that bucket (split conformal). A value at time t,
 * issued at s, has the interval forecast(t) ± halfWidths[b][v], b = ⌈(t - s) / bucketWidth⌉ (1-based,
 * at most the bucket count).
 *
 * @param level       nominal coverage
 * @param bucketWidth lead-time width of a bucket, in the series' time unit
 * @param halfWidths  per bucket and variable; NaN where too few errors are known yet
 */
public record Intervals(double level, double bucketWidth, double[][] halfWidths) {

    /** The half-widths for {@code lead}; null when that bucket has none for some variable, or at lead 0. */
    public double[] at(double lead) {
        int b = ScoringSettings.bucketOf(lead, bucketWidth, halfWidths.length);
        if (b == 0) {
            return null;
        }
        double[] hw = halfWidths[b - 1];
        for (double h : hw) {
            if (!Double.isFinite(h)) {
                return null;
            }
        }
        return hw;
    }
}
