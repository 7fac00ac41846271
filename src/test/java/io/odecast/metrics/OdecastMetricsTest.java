package io.odecast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.odecast.forecast.RejectReason;
import io.odecast.stream.RetrainListener;
import org.junit.jupiter.api.Test;

class OdecastMetricsTest {

    @Test
    void meterNamesFollowPrometheusConventionsAndCount() {
        try (OdecastMetrics m = new OdecastMetrics()) {
            m.observationAccepted("a");
            m.observationAccepted("b");
            m.deadLettered(RejectReason.NON_FINITE);
            m.forecastEmitted("a", 1, 2_000_000);
            m.modelLoaded("a", 1);
            m.trainingEnded("a", RetrainListener.Outcome.PUBLISHED, 3_000_000_000L, 120, 0.1);
            String scrape = m.scrape();
            assertThat(scrape)
                    .contains("odecast_observations_total{outcome=\"accepted\"} 2.0")
                    .contains("odecast_observations_total{outcome=\"rejected\",reason=\"non-finite\"} 1.0")
                    .contains("odecast_dead_letters_total{reason=\"non-finite\"} 1.0")
                    .contains("odecast_forecasts_total 1.0")
                    .contains("odecast_forecast_latency_seconds_count 1")
                    .contains("odecast_forecast_latency_seconds_bucket")
                    .contains("odecast_models_loaded_total 1.0")
                    .contains("odecast_training_runs_total{outcome=\"published\"} 1.0")
                    .contains("odecast_training_duration_seconds_sum 3.0")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain("series=");
        }
    }
}
