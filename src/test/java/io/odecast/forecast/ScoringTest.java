package io.odecast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.odecast.train.Normaliser;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prequential scoring, baselines, conformal intervals and drift detection, on hand-computed cases. */
class ScoringTest {

    private static final ScoringSettings S = ScoringSettings.defaults().withBuckets(4);
    private static final List<String> VARS = List.of("a", "b");

    /** A model forecast that is the straight line value(t) = c + slope·(t - t0) on [t0, t0 + h], exactly. */
    private static ForecastCurve line(double t0, double h, double[] c, double[] slope) {
        double[][] r = new double[5][2];
        for (int v = 0; v < 2; v++) {
            r[0][v] = c[v];
            r[1][v] = slope[v] * h; // z = r0 + θ r1 with θ = (t - t0) / h
        }
        return new ForecastCurve(VARS, new double[] {t0, t0 + h}, new double[][][] {r},
                new Normaliser(Normaliser.Kind.NONE, new double[] {0, 0}, new double[] {1, 1}));
    }

    private static Observation obs(double t, double a, double b) {
        return new Observation("s", t, VARS, new double[] {a, b});
    }

    @Test
    void bucketsSplitTheHorizonEvenly() {
        assertThat(S.bucket(0, 4)).isZero();
        assertThat(S.bucket(0.5, 4)).isEqualTo(1);
        assertThat(S.bucket(1.0, 4)).isEqualTo(1);
        assertThat(S.bucket(1.0001, 4)).isEqualTo(2);
        assertThat(S.bucket(4.0, 4)).isEqualTo(4);
        assertThat(S.bucket(7.0, 4)).isEqualTo(4);
    }

    @Test
    void everyCoveringForecastIsScoredWithTheBaselinesBeside() {
        Scorer scorer = new Scorer(S, 4.0);
        ScoreState state = ScoreState.empty(2, scorer.settings());
        state.observeStep(new double[] {0, 0}, new double[] {2, 4}); // MASE scale: 2 and 4
        Deque<PendingForecast> pending = new ArrayDeque<>();
        // issued at t = 1 from (1, 2); the first observation was (0, 0) at t = -1: drift slopes 0.5 and 1
        Scorer.keep(pending, scorer.issue(obs(1, 1, 2), 3, line(1, 4, new double[] {1, 2}, new double[] {1, 0}), null,
                -1, new double[] {0, 0}));
        // issued at t = 2 from (3, 3), without a model
        Scorer.keep(pending, scorer.issue(obs(2, 3, 3), 0, null, null, -1, new double[] {0, 0}));

        Scorer.Result r = scorer.score(state, pending, obs(3, 4, 6), 3, 2, t -> t <= 1 ? new double[] {10, 20} : null);
        // from the first: lead 2 (bucket 2) naive, drift, seasonal, model; from the second: lead 1 (bucket 1) naive, drift, seasonal
        assertThat(r.scores()).hasSize(7);
        Score model = r.scores().stream().filter(s -> s.method() == Method.MODEL).findFirst().orElseThrow();
        assertThat(model.bucket()).isEqualTo(2);
        assertThat(model.modelVersion()).isEqualTo(3);
        assertThat(model.lead()).isEqualTo(2.0);
        // the model said (1 + 2, 2 + 0) = (3, 2) at t = 3; observed (4, 6)
        assertThat(model.errors()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(model.errors()[1]).isCloseTo(4.0, within(1e-12));
        assertThat(model.scaled()).containsExactly(0.5, 1.0);
        assertThat(model.covered()).isNull();
        Score drift = r.scores().stream().filter(s -> s.method() == Method.DRIFT && s.bucket() == 2).findFirst().orElseThrow();
        // (1 + 0.5·2, 2 + 1·2) = (2, 4)
        assertThat(drift.errors()).containsExactly(2.0, 2.0);
        Score naive = r.scores().stream().filter(s -> s.method() == Method.NAIVE && s.bucket() == 1).findFirst().orElseThrow();
        assertThat(naive.errors()).containsExactly(1.0, 3.0);
        // seasonal naive with period 2 at t = 3 from an issue at 2 (lead 1): the value at t = 1
        Score seasonal = r.scores().stream().filter(s -> s.method() == Method.SEASONAL_NAIVE && s.bucket() == 1)
                .findFirst().orElseThrow();
        assertThat(seasonal.errors()).containsExactly(-6.0, -14.0);
        // both forecasts still cover later times
        assertThat(pending).hasSize(2);
        // a forecast re-issued at the same time (a corrected observation) replaces the last one
        Scorer.keep(pending, scorer.issue(obs(2, 5, 5), 0, null, null, -1, new double[] {0, 0}));
        assertThat(pending).hasSize(2);
        assertThat(pending.peekLast().last()).containsExactly(5.0, 5.0);
        scorer.score(state, pending, obs(5.5, 0, 0), 5.5, 2, t -> null);
        assertThat(pending).hasSize(1); // issued at 1, horizon 4: over before 5.5
    }

    @Test
    void conformalHalfWidthsTakeTheRankOfTheLevel() {
        ScoringSettings s = new ScoringSettings(1, 0.8, 0, 20, 5, 0.1, 10, 0);
        ScoreState state = ScoreState.empty(1, s);
        for (int i = 1; i <= 4; i++) {
            state.addResiduals(1, new double[] {i});
        }
        assertThat(state.halfWidths(0.8, 5)[0][0]).isNaN(); // fewer than 5 residuals
        for (int i = 5; i <= 9; i++) {
            state.addResiduals(1, new double[] {-i}); // absolute values count
        }
        // n = 9: rank ⌈10 · 0.8⌉ = 8 → the 8th smallest of 1..9
        assertThat(state.halfWidths(0.8, 5)[0][0]).isEqualTo(8.0);
        for (int i = 10; i <= 30; i++) {
            state.addResiduals(1, new double[] {i});
        }
        // the window keeps the last 20 (11..30): rank ⌈21 · 0.8⌉ = 17 → 27
        assertThat(state.halfWidths(0.8, 5)[0][0]).isEqualTo(27.0);
    }

    @Test
    void splitConformalCoversAtTheLevelOnExchangeableErrors() {
        ScoringSettings s = new ScoringSettings(1, 0.8, 0, 200, 20, 0.1, 10, 0);
        ScoreState state = ScoreState.empty(1, s);
        SplittableRandom random = new SplittableRandom(7);
        int checks = 0;
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            double e = random.nextGaussian();
            double hw = state.halfWidths(0.8, 20)[0][0];
            if (!Double.isNaN(hw)) {
                checks++;
                hits += Math.abs(e) <= hw ? 1 : 0;
            }
            state.addResiduals(1, new double[] {e});
        }
        assertThat((double) hits / checks).isCloseTo(0.8, within(0.01));
    }

    @Test
    void adaptiveConformalHoldsCoverageWhenTheErrorsShrink() {
        // errors shrink tenfold halfway, as when a better model arrives: plain conformal over-covers
        double[] coverage = new double[2];
        for (int k = 0; k < 2; k++) {
            double gamma = k == 0 ? 0 : 0.05;
            ScoringSettings s = new ScoringSettings(1, 0.8, 0, 300, 10, 0.1, 10, gamma);
            ScoreState state = ScoreState.empty(1, s);
            SplittableRandom random = new SplittableRandom(11);
            int checks = 0;
            int hits = 0;
            for (int i = 0; i < 600; i++) {
                double e = random.nextGaussian() * (i < 300 ? 10 : 1);
                double hw = state.halfWidths(0.8, 10)[0][0];
                if (!Double.isNaN(hw)) {
                    boolean in = Math.abs(e) <= hw;
                    checks++;
                    hits += in ? 1 : 0;
                    if (gamma > 0) {
                        state.adapt(1, 1, in ? 0 : 1, 0.8, gamma);
                    }
                }
                state.addResiduals(1, new double[] {e});
            }
            coverage[k] = (double) hits / checks;
        }
        assertThat(coverage[0]).isGreaterThan(0.85);
        assertThat(coverage[1]).isCloseTo(0.8, within(0.02));
    }

    @Test
    void pageHinkleyAlarmsOnAShiftAndNotOnNoise() {
        ScoreState state = ScoreState.empty(1, S);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            assertThat(state.driftAlarm(Math.abs(random.nextGaussian()), 0.1, 10)).as("step %d", i).isFalse();
        }
        int alarmAt = -1;
        for (int i = 0; i < 200 && alarmAt < 0; i++) {
            if (state.driftAlarm(3 + Math.abs(random.nextGaussian()), 0.1, 10)) {
                alarmAt = i;
            }
        }
        assertThat(alarmAt).isBetween(1, 10);
    }

    @Test
    void theStateSurvivesItsBinaryForm() {
        ScoreState state = ScoreState.empty(2, S);
        state.observeStep(new double[] {0, 1}, new double[] {3, 5});
        state.addResiduals(2, new double[] {1.5, -2.5});
        state.adapt(2, 2, 1, 0.8, 0.05);
        state.driftAlarm(0.7, 0.1, 10);
        ScoreState back = ScoreState.fromBytes(state.toBytes());
        assertThat(back.toBytes()).isEqualTo(state.toBytes());
        assertThat(back.scale(1)).isEqualTo(4.0);
        assertThat(back.fits(2, S)).isTrue();
        assertThat(back.fits(3, S)).isFalse();
        assertThat(Arrays.deepToString(back.halfWidths(0.8, 1))).isEqualTo(Arrays.deepToString(state.halfWidths(0.8, 1)));
    }

    @Test
    void aFullRingSurvivesItsBinaryFormAndAnEmptyOneIsSmall() {
        ScoringSettings s = new ScoringSettings(2, 0.8, 0, 100, 10, 0.1, 10, 0.05);
        ScoreState empty = ScoreState.empty(2, s);
        assertThat(empty.toBytes().length).isLessThan(200);
        ScoreState state = ScoreState.empty(2, s);
        for (int i = 0; i < 150; i++) {
            state.addResiduals(1, new double[] {i, -2 * i});
        }
        state.addResiduals(2, new double[] {1, 1});
        ScoreState back = ScoreState.fromBytes(state.toBytes());
        assertThat(back.toBytes()).isEqualTo(state.toBytes());
        assertThat(back.halfWidths(0.8, 1)[0]).containsExactly(state.halfWidths(0.8, 1)[0]);
        // the window holds the last 100 (50..149): rank ⌈101 · 0.8⌉ = 81 → 130
        assertThat(back.halfWidths(0.8, 1)[0][0]).isEqualTo(130.0);
        back.addResiduals(1, new double[] {1000, 1000}); // overwrites the oldest, 50
        assertThat(back.halfWidths(0.8, 1)[0][0]).isEqualTo(131.0);
    }

    @Test
    void theBoardAveragesPerMethodAndBucket() {
        ScoreBoard board = new ScoreBoard(2);
        board.add(new Score(Method.MODEL, 1, 1, 0.5, new double[] {1, -3}, new double[] {0.5, 1.5}, new boolean[] {true, false}));
        board.add(new Score(Method.MODEL, 1, 1, 0.5, new double[] {2, 0}, new double[] {1.0, Double.NaN}, null));
        ScoreBoard.Totals t = board.totals(Method.MODEL, 1);
        assertThat(t.count()).isEqualTo(4);
        assertThat(t.mae()).isEqualTo(1.5);
        assertThat(t.rmse()).isCloseTo(Math.sqrt(14 / 4.0), within(1e-12));
        assertThat(t.mase()).isEqualTo(1.0);
        assertThat(t.coverage()).isEqualTo(0.5);
        assertThat(board.totals(Method.NAIVE, 2).mae()).isNaN();
    }

    @Test
    void intervalsPickTheirBucketByLead() {
        Intervals iv = new Intervals(0.8, 2.0, new double[][] {{1, 2}, {Double.NaN, 4}});
        assertThat(iv.at(0)).isNull();
        assertThat(iv.at(1.5)).containsExactly(1, 2);
        assertThat(iv.at(2.5)).isNull(); // one variable has no width yet
        assertThat(iv.at(99)).isNull();
    }
}
