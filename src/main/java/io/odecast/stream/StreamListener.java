package io.odecast.stream;

import io.odecast.forecast.RejectReason;
import io.odecast.ode.SolverStats;

/** What the topology reports as it runs (metrics hook); every method has a no-op default. */
public interface StreamListener {

    StreamListener NONE = new StreamListener() {
    };

    default void observationAccepted(String series) {
    }

    default void deadLettered(RejectReason reason) {
    }

    /** A forecast went out: how long the record took from read to forward, and what its solve cost. */
    default void forecastEmitted(String series, long modelVersion, long latencyNanos, SolverStats solver) {
    }

    default void forecastFailed(String series, Exception cause) {
    }

    /** An earlier forecast (the model's or a baseline's) was scored against a new observation. */
    default void scored(String series, io.odecast.forecast.Score score) {
    }

    /** The model's one-step error drifted (Page–Hinkley): retraining was asked for. */
    default void driftDetected(String series) {
    }

    /** A model took effect; {@code publishedMillis} is its record's timestamp on the models topic. */
    default void modelLoaded(String series, long version, long publishedMillis) {
    }
}
