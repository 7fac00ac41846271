package io.odecast.forecast;

import java.util.EnumMap;
import java.util.Map;

/** Running totals of scores by method and lead bucket: MAE, RMSE, MASE and interval coverage. */
public final class ScoreBoard {

    /** Totals of one method in one bucket; each (scored forecast, variable) pair counts once. */
    public static final class Totals {
        private long n;
        private double sumAbs;
        private double sumSq;
        private long nScaled;
        private double sumScaled;
        private long withInterval;
        private long covered;

        void add(Score.Tally t) {
            n += t.pairs();
            sumAbs += t.absoluteErrors();
            sumSq += t.squaredErrors();
            nScaled += t.scaledPairs();
            sumScaled += t.scaledErrors();
            withInterval += t.intervalChecks();
            covered += t.intervalHits();
        }

        public long count() {
            return n;
        }

        public double mae() {
            return n == 0 ? Double.NaN : sumAbs / n;
        }

        public double rmse() {
            return n == 0 ? Double.NaN : Math.sqrt(sumSq / n);
        }

        /** Mean absolute error over the in-sample naive one-step MAE; below 1 beats that naive forecast. */
        public double mase() {
            return nScaled == 0 ? Double.NaN : sumScaled / nScaled;
        }

        /** Share of (forecast, variable) pairs inside their interval, among those that had one. */
        public double coverage() {
            return withInterval == 0 ? Double.NaN : (double) covered / withInterval;
        }

        public long withInterval() {
            return withInterval;
        }
    }

    private final int buckets;
    private final Map<Method, Totals[]> totals = new EnumMap<>(Method.class);

    public ScoreBoard(int buckets) {
        this.buckets = buckets;
        for (Method m : Method.values()) {
            Totals[] t = new Totals[buckets];
            for (int b = 0; b < buckets; b++) {
                t[b] = new Totals();
            }
            totals.put(m, t);
        }
    }

    public synchronized void add(Score s) {
        totals.get(s.method())[s.bucket() - 1].add(s.tally());
    }

    /** Totals of {@code method} in {@code bucket} (1-based). */
    public synchronized Totals totals(Method method, int bucket) {
        return totals.get(method)[bucket - 1];
    }

    public int buckets() {
        return buckets;
    }
}
