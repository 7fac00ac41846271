package io.odecast.stream;

/** What the training pool reports (metrics hook); every method has a no-op default. */
public interface RetrainListener {

    RetrainListener NONE = new RetrainListener() {
    };

    /** How a training ended. */
    enum Outcome {
        PUBLISHED, FAILED, DROPPED
    }

    default void trainingEnded(String series, Outcome outcome, long durationNanos, int epochs, double validationLoss) {
    }
}
