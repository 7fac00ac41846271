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

    /** Both listeners, {@code first} then {@code second}. */
    static StreamListener both(StreamListener first, StreamListener second) {
        return new StreamListener() {
            @Override
            public void observationAccepted(String series) {
                first.observationAccepted(series);
                second.observationAccepted(series);
            }

            @Override
            public void deadLettered(RejectReason reason) {
                first.deadLettered(reason);
                second.deadLettered(reason);
            }

            @Override
            public void forecastEmitted(String series, long modelVersion, long latencyNanos) {
                first.forecastEmitted(series, modelVersion, latencyNanos);
                second.forecastEmitted(series, modelVersion, latencyNanos);
            }

            @Override
            public void forecastFailed(String series, Exception cause) {
                first.forecastFailed(series, cause);
                second.forecastFailed(series, cause);
            }

            @Override
            public void modelLoaded(String series, long version) {
                first.modelLoaded(series, version);
                second.modelLoaded(series, version);
            }
        };
    }
}
