package io.odecast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.odecast.forecast.RejectReason;
import io.odecast.ode.SolverStats;
import io.odecast.stream.RetrainListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OdecastMetricsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void meterNamesFollowPrometheusConventionsAndCount() {
        try (OdecastMetrics m = new OdecastMetrics()) {
            m.observationAccepted("a");
            m.observationAccepted("b");
            m.deadLettered(RejectReason.NON_FINITE);
            m.forecastEmitted("a", 1, 2_000_000, new SolverStats(26, 4, 1, 0.1));
            m.forecastEmitted("a", 1, 2_000_000, new SolverStats(14, 2, 0, 0.1));
            m.modelLoaded("a", 1, System.currentTimeMillis());
            m.trainingEnded("a", RetrainListener.Outcome.PUBLISHED, 3_000_000_000L, 120, 0.25);
            m.trainingEnded("b", RetrainListener.Outcome.FAILED, 1_000_000_000L, 0, Double.NaN);
            String scrape = m.scrape();
            assertThat(scrape)
                    .contains("odecast_observations_total{outcome=\"accepted\"} 2.0")
                    .contains("odecast_observations_total{outcome=\"rejected\",reason=\"non-finite\"} 1.0")
                    .contains("odecast_dead_letters_total{reason=\"non-finite\"} 1.0")
                    .contains("odecast_forecasts_total 2.0")
                    .contains("odecast_forecast_latency_seconds_count 2")
                    .contains("odecast_forecast_latency_seconds_bucket")
                    .contains("odecast_forecast_solver_evaluations_count 2")
                    .contains("odecast_forecast_solver_evaluations_sum 40.0")
                    .contains("odecast_forecast_solver_steps_total 6.0")
                    .contains("odecast_forecast_solver_rejected_steps_total 1.0")
                    .contains("odecast_models_loaded_total 1.0")
                    .contains("odecast_models_in_use 1.0")
                    .contains("odecast_series_active 2.0")
                    .contains("odecast_training_runs_total{outcome=\"published\"} 1.0")
                    .contains("odecast_training_duration_seconds_sum 4.0")
                    // only the published run's loss: a failed run has none
                    .contains("odecast_training_validation_loss_count 1")
                    .contains("odecast_training_validation_loss_sum 0.25")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain("series=");
        }
    }

    @Test
    void modelAgeAndActiveSeriesFollowTheClock() {
        ManualClock clock = new ManualClock();
        try (OdecastMetrics m = new OdecastMetrics(new MetricsSettings(false, 10, Duration.ofMinutes(5)), clock)) {
            assertThat(value(m.scrape(), "odecast_model_age_max_seconds")).isNaN();
            m.modelLoaded("old", 3, clock.millis());
            clock.millis += 60_000;
            m.modelLoaded("new", 1, clock.millis());
            m.observationAccepted("new");
            clock.millis += 30_000;
            String scrape = m.scrape();
            assertThat(value(scrape, "odecast_model_age_max_seconds")).isEqualTo(90.0);
            assertThat(value(scrape, "odecast_model_age_min_seconds")).isEqualTo(30.0);
            assertThat(value(scrape, "odecast_models_in_use")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_series_active")).isEqualTo(1.0);
            clock.millis += Duration.ofMinutes(5).toMillis();
            assertThat(value(m.scrape(), "odecast_series_active")).isEqualTo(0.0);
        }
    }

    @Test
    void perSeriesMetersAreOptInAndCapped() {
        ManualClock clock = new ManualClock();
        try (OdecastMetrics m = new OdecastMetrics(new MetricsSettings(true, 2, Duration.ofMinutes(5)), clock)) {
            for (String s : new String[] {"a", "b", "c", "d", "a"}) {
                m.observationAccepted(s);
                m.forecastEmitted(s, 1, 1000, new SolverStats(8, 1, 0, 1));
            }
            m.modelLoaded("a", 7, clock.millis() - 12_000);
            m.modelLoaded("c", 2, clock.millis());
            m.trainingEnded("a", RetrainListener.Outcome.PUBLISHED, 1_000_000, 10, 0.5);
            String scrape = m.scrape();
            assertThat(value(scrape, "odecast_series_observations_total{series=\"a\"}")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_series_observations_total{series=\"b\"}")).isEqualTo(1.0);
            assertThat(value(scrape, "odecast_series_observations_total{series=\"_other\"}")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_series_forecasts_total{series=\"_other\"}")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_series_model_version{series=\"a\"}")).isEqualTo(7.0);
            assertThat(value(scrape, "odecast_series_model_age_seconds{series=\"a\"}")).isEqualTo(12.0);
            assertThat(value(scrape, "odecast_series_validation_loss{series=\"a\"}")).isEqualTo(0.5);
            assertThat(scrape).doesNotContain("series=\"c\"").doesNotContain("series=\"d\"");
            // the series past the cap still count in the aggregate meters
            assertThat(value(scrape, "odecast_series_active")).isEqualTo(4.0);
            assertThat(value(scrape, "odecast_models_in_use")).isEqualTo(2.0);
        }
    }

    @Test
    void scoresAddUpByMethodAndBucketAsTheBacktestBoardDoes() {
        try (OdecastMetrics m = new OdecastMetrics()) {
            io.odecast.forecast.ScoreBoard board = new io.odecast.forecast.ScoreBoard(2);
            io.odecast.forecast.Score[] scores = {
                new io.odecast.forecast.Score(io.odecast.forecast.Method.MODEL, 3, 1, 0.5, new double[] {1, -3},
                        new double[] {0.5, 1.5}, new boolean[] {true, false}),
                new io.odecast.forecast.Score(io.odecast.forecast.Method.MODEL, 3, 1, 0.5, new double[] {2, 0},
                        new double[] {1.0, Double.NaN}, null),
                new io.odecast.forecast.Score(io.odecast.forecast.Method.NAIVE, 0, 2, 1.5, new double[] {4, 4},
                        new double[] {2, 2}, null)};
            for (io.odecast.forecast.Score s : scores) {
                m.scored("s", s);
                board.add(s);
            }
            m.driftDetected("s");
            String scrape = m.scrape();
            assertThat(value(scrape, "odecast_score_errors_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(4.0);
            assertThat(value(scrape, "odecast_score_absolute_error_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(6.0);
            assertThat(value(scrape, "odecast_score_squared_error_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(14.0);
            assertThat(value(scrape, "odecast_score_scaled_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(3.0);
            assertThat(value(scrape, "odecast_score_scaled_error_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(3.0);
            assertThat(value(scrape, "odecast_score_interval_checks_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_score_interval_hits_total{bucket=\"1\",method=\"odecast\"}")).isEqualTo(1.0);
            assertThat(value(scrape, "odecast_score_errors_total{bucket=\"2\",method=\"naive\"}")).isEqualTo(2.0);
            assertThat(value(scrape, "odecast_drift_alarms_total")).isEqualTo(1.0);
            // the live meters and the backtest's board agree
            assertThat(m.mase(io.odecast.forecast.Method.MODEL, 1))
                    .isEqualTo(board.totals(io.odecast.forecast.Method.MODEL, 1).mase()).isEqualTo(1.0);
            assertThat(m.mase(io.odecast.forecast.Method.NAIVE, 2)).isEqualTo(2.0);
            assertThat(m.mase(io.odecast.forecast.Method.DRIFT, 1)).isNaN();
        }
    }

    @Test
    void theSettingsRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MetricsSettings(true, 0, Duration.ofMinutes(1)))
                .hasMessageContaining("limit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MetricsSettings(true, 5, Duration.ZERO))
                .hasMessageContaining("window");
    }

    /** The value of the sample line {@code name} (with its labels, if any) in a Prometheus scrape. */
    static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("sample %s in the scrape", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
