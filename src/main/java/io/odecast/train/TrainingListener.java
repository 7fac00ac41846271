package io.odecast.train;

/** Observes a training run; every method has a no-op default. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** After each epoch, with its losses and the best so far. */
    default void epochEnded(int epoch, int maxEpochs, double trainLoss, double validationLoss, int bestEpoch,
                            double bestValidationLoss) {
    }
}
