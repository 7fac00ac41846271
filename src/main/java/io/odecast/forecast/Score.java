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

    /**
     * What one score adds to running totals — the one definition the backtest's board and the live
     * meters both add up, so they measure the same thing. Each (forecast, variable) pair counts once.
     *
     * @param pairs          scored pairs
     * @param absoluteErrors sum of |error|
     * @param squaredErrors  sum of error²
     * @param scaledPairs    pairs whose MASE scale was known
     * @param scaledErrors   sum of their scaled errors
     * @param intervalChecks pairs that had an interval
     * @param intervalHits   pairs inside it
     */
    public record Tally(long pairs, double absoluteErrors, double squaredErrors, long scaledPairs, double scaledErrors,
                        long intervalChecks, long intervalHits) {
    }

    public Tally tally() {
        double abs = 0;
        double sq = 0;
        long scaledPairs = 0;
        double scaledSum = 0;
        long hits = 0;
        for (int v = 0; v < errors.length; v++) {
            abs += Math.abs(errors[v]);
            sq += errors[v] * errors[v];
            if (Double.isFinite(scaled[v])) {
                scaledPairs++;
                scaledSum += scaled[v];
            }
            if (covered != null && covered[v]) {
                hits++;
            }
        }
        return new Tally(errors.length, abs, sq, scaledPairs, scaledSum, covered == null ? 0 : covered.length, hits);
    }
}
