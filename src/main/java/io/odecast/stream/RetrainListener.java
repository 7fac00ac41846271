package io.odecast.stream;

/** What the training pool reports (metrics hook); every method has a no-op default. */
public interface RetrainListener {

    RetrainListener NONE = new RetrainListener() {
    };

    /** How a training ended. */
    enum Outcome {
        /** Trained, and published: it beat the model in use on the recent validation window (or there was none). */
        PUBLISHED,
        /** Training failed or diverged; the model in use stays. */
        FAILED,
        /** The training queue was full; the next trigger asks again. */
        DROPPED,
        /** Trained, but no better than the model in use on the recent validation window: not published. */
        REJECTED
    }

    default void trainingEnded(String series, Outcome outcome, long durationNanos, int epochs, double validationLoss) {
    }
}
