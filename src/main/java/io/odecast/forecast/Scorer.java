package io.odecast.forecast;

import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Prequential scoring: when an observation arrives, every earlier forecast whose horizon covers its
 * time is scored against it — the model's and the baselines' (naive, seasonal naive, drift) — by lead
 * bucket, and the model's errors feed the conformal intervals and the drift detector.
 */
public final class Scorer {

    /** The stored history, as the seasonal-naive baseline needs it. */
    public interface History {
        /** The values of the latest stored observation at or before {@code t}; null when there is none. */
        double[] atOrBefore(double t);
    }

    /** What one observation scored, and whether the model's error has drifted (retrain). */
    public record Result(List<Score> scores, boolean drift) {
    }

    /** Pending forecasts kept per series at most; older ones are scored no more. */
    public static final int MAX_PENDING = 256;

    private final ScoringSettings settings;
    private final double horizon;

    public Scorer(ScoringSettings settings, double horizon) {
        this.settings = settings;
        this.horizon = horizon;
    }

    public ScoringSettings settings() {
        return settings;
    }

    /** The pending forecast issued at {@code latest}: the model's curve (or null) and the baselines' parameters. */
    public PendingForecast issue(Observation latest, long modelVersion, ForecastCurve curve, double[][] halfWidths,
                                 double firstTime, double[] firstValues) {
        double[] last = latest.values();
        double[] slope = new double[last.length];
        double span = latest.time() - firstTime;
        for (int v = 0; v < slope.length; v++) {
            slope[v] = span > 0 ? (last[v] - firstValues[v]) / span : 0;
        }
        return new PendingForecast(latest.time(), modelVersion, curve, halfWidths, last, slope);
    }

    /**
     * Adds {@code p}, dropping the oldest beyond {@link #MAX_PENDING}; a forecast issued at the same time
     * as the last one (from a corrected observation) replaces it.
     */
    public static void keep(Deque<PendingForecast> pending, PendingForecast p) {
        if (!pending.isEmpty() && pending.peekLast().issuedAt() == p.issuedAt()) {
            pending.removeLast();
        }
        pending.addLast(p);
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
    }

    /**
     * Scores the pending forecasts covering {@code o}'s time, updates {@code state} (residuals, drift),
     * and drops the forecasts whose horizon ends before {@code latestTime}; {@code seasonalPeriod} is the
     * series' own (0: no seasonal-naive baseline).
     */
    public Result score(ScoreState state, Deque<PendingForecast> pending, Observation o, double latestTime,
                        double seasonalPeriod, History history) {
        List<Score> scores = new ArrayList<>();
        boolean drift = false;
        double[] y = o.values();
        for (PendingForecast p : pending) {
            double lead = o.time() - p.issuedAt();
            int bucket = settings.bucket(lead, horizon);
            if (bucket == 0 || lead > horizon) {
                continue;
            }
            scores.add(score(state, Method.NAIVE, 0, bucket, lead, y, p.last(), null));
            double[] drifted = new double[y.length];
            for (int v = 0; v < y.length; v++) {
                drifted[v] = p.last()[v] + p.slope()[v] * lead;
            }
            scores.add(score(state, Method.DRIFT, 0, bucket, lead, y, drifted, null));
            double m = seasonalPeriod;
            if (m > 0) {
                double[] seasonal = history.atOrBefore(o.time() - m * Math.ceil(lead / m));
                if (seasonal != null) {
                    scores.add(score(state, Method.SEASONAL_NAIVE, 0, bucket, lead, y, seasonal, null));
                }
            }
            if (p.curve() != null && o.time() <= p.curve().endTime()) {
                double[] hw = p.halfWidths() == null ? null : p.halfWidths()[bucket - 1];
                Score s = score(state, Method.MODEL, p.modelVersion(), bucket, lead, y, p.curve().valueAt(o.time()), hw);
                scores.add(s);
                state.addResiduals(bucket, s.errors());
                if (s.covered() != null && settings.adaptation() > 0) {
                    int misses = 0;
                    for (boolean c : s.covered()) {
                        misses += c ? 0 : 1;
                    }
                    state.adapt(bucket, s.covered().length, misses, settings.intervalLevel(), settings.adaptation());
                }
                if (bucket == 1) {
                    double mean = 0;
                    for (double x : s.scaled()) {
                        mean += x / s.scaled().length;
                    }
                    if (Double.isFinite(mean)) {
                        drift |= state.driftAlarm(mean, settings.driftDelta(), settings.driftThreshold());
                    }
                }
            }
        }
        for (Iterator<PendingForecast> it = pending.iterator(); it.hasNext(); ) {
            if (it.next().issuedAt() + horizon < latestTime) {
                it.remove();
            }
        }
        return new Result(scores, drift);
    }

    private static Score score(ScoreState state, Method method, long version, int bucket, double lead, double[] y,
                               double[] forecast, double[] halfWidths) {
        double[] errors = new double[y.length];
        double[] scaled = new double[y.length];
        boolean[] covered = null;
        boolean intervals = halfWidths != null;
        for (int v = 0; v < y.length && intervals; v++) {
            intervals = Double.isFinite(halfWidths[v]);
        }
        if (intervals) {
            covered = new boolean[y.length];
        }
        for (int v = 0; v < y.length; v++) {
            errors[v] = y[v] - forecast[v];
            scaled[v] = Math.abs(errors[v]) / state.scale(v);
            if (covered != null) {
                covered[v] = Math.abs(errors[v]) <= halfWidths[v];
            }
        }
        return new Score(method, version, bucket, lead, errors, scaled, covered);
    }
}
