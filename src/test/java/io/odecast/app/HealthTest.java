package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void livenessFailsOnlyWhenKafkaStreamsHasStoppedOrFailed() {
        EnumSet<State> dead = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING);
        for (State state : State.values()) {
            assertThat(ForecastHttpServer.live(state)).as(state.name()).isEqualTo(!dead.contains(state));
        }
    }

    @Test
    void readinessNeedsRunning() {
        for (State state : State.values()) {
            assertThat(ForecastHttpServer.ready(state)).as(state.name()).isEqualTo(state == State.RUNNING);
        }
        // a rebalance or a restore is alive but not ready
        assertThat(ForecastHttpServer.live(State.REBALANCING)).isTrue();
        assertThat(ForecastHttpServer.ready(State.REBALANCING)).isFalse();
    }
}
