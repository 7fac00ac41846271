package io.odecast.forecast;

/**
 * How forecasts are scored against the observations that arrive later, and how their prediction
 * intervals are made.
 *
 * @param buckets         lead-time buckets: equal widths over the horizon; bucket 1 holds leads in
 *                        {@code (0, horizon / buckets]} (one step ahead when the spacing is that width)
 * @param intervalLevel   nominal coverage of the prediction intervals, in (0, 1)
 * @param seasonalPeriod  the seasonal-naive baseline's period in the series' time unit; 0: that
 *                        baseline is not computed
 * @param residualWindow  recent residuals kept per lead bucket and variable for the conformal intervals
 * @param minResiduals    residuals a bucket needs before its intervals are given
 * @param driftDelta      Page–Hinkley tolerance on the one-step scaled absolute error
 * @param driftThreshold  Page–Hinkley alarm threshold; an alarm asks for retraining
 * @param adaptation      step size γ of adaptive conformal inference (Gibbs and Candès, 2021): after each
 *                        scored interval the level used for the next ones moves by γ·(miss − (1 − level)),
 *                        so coverage holds when the errors drift (a model improves, the series changes);
 *                        0: plain split conformal
 */
public record ScoringSettings(int buckets, double intervalLevel, double seasonalPeriod, int residualWindow,
                              int minResiduals, double driftDelta, double driftThreshold, double adaptation) {

    public ScoringSettings {
        if (buckets < 1 || buckets > 100) {
            throw new IllegalArgumentException("lead-time buckets must be in [1, 100], got " + buckets);
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException("the interval level must be in (0, 1), got " + intervalLevel);
        }
        if (!(seasonalPeriod >= 0) || Double.isInfinite(seasonalPeriod)) {
            throw new IllegalArgumentException("the seasonal period must be finite and >= 0, got " + seasonalPeriod);
        }
        if (residualWindow < 2 || minResiduals < 1 || minResiduals > residualWindow) {
            throw new IllegalArgumentException("need residualWindow >= 2 and 1 <= minResiduals <= residualWindow");
        }
        if (!(driftDelta >= 0) || !(driftThreshold > 0)) {
            throw new IllegalArgumentException("need driftDelta >= 0 and driftThreshold > 0");
        }
        if (!(adaptation >= 0 && adaptation < 1)) {
            throw new IllegalArgumentException("the interval adaptation step must be in [0, 1), got " + adaptation);
        }
    }

    /** 5 buckets; 80% intervals from the last 100 residuals (10 at least), adapted with γ 0.05; no seasonal period; Page–Hinkley δ 0.1, λ 10. */
    public static ScoringSettings defaults() {
        return new ScoringSettings(5, 0.8, 0, 100, 10, 0.1, 10, 0.05);
    }

    public ScoringSettings withSeasonalPeriod(double period) {
        return new ScoringSettings(buckets, intervalLevel, period, residualWindow, minResiduals, driftDelta, driftThreshold, adaptation);
    }

    public ScoringSettings withBuckets(int n) {
        return new ScoringSettings(n, intervalLevel, seasonalPeriod, residualWindow, minResiduals, driftDelta, driftThreshold, adaptation);
    }

    public ScoringSettings withIntervalLevel(double level) {
        return new ScoringSettings(buckets, level, seasonalPeriod, residualWindow, minResiduals, driftDelta, driftThreshold, adaptation);
    }

    /** The bucket (1-based) of a lead time over a horizon; 0 for a lead of 0 or less, which is never scored. */
    public int bucket(double lead, double horizon) {
        return bucketOf(lead, horizon / buckets, buckets);
    }

    /**
     * The one rule for lead buckets, shared by scoring and by the intervals on a forecast: bucket b
     * (1-based) holds leads in ((b-1)·width, b·width], leads past the last bucket fall in it, and a lead of
     * 0 or less is in none (0).
     */
    static int bucketOf(double lead, double width, int buckets) {
        if (!(lead > 0)) {
            return 0;
        }
        return Math.min(buckets, Math.max(1, (int) Math.ceil(lead / width - 1e-9)));
    }
}
