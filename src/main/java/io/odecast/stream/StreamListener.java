package io.odecast.stream;

import io.odecast.forecast.RejectReason;

/** What the topology reports as it runs (metrics hook); every method has a no-op default. */
public interface StreamListener {

    StreamListener NONE = new StreamListener() {
    };

    default void observationAccepted(String series) {
    }

    default void deadLettered(RejectReason reason) {
    }

    default void forecastEmitted(String series, long modelVersion, long latencyNanos) {
    }

    default void forecastFailed(String series, Exception cause) {
    }

    default void modelLoaded(String series, long version) {
    }
}
