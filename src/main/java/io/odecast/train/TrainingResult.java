package io.odecast.train;

/**
 * The outcome of a training run.
 *
 * @param model          the best model (the checkpoint with the lowest validation loss)
 * @param config         what was asked
 * @param trainLoss      training loss per epoch (before that epoch's update)
 * @param validationLoss validation MSE per epoch (after the update)
 * @param bestEpoch      epoch of the restored checkpoint (1-based)
 * @param stoppedEarly   whether patience ran out before the epoch limit
 * @param cancelled      whether the run was cancelled
 * @param evaluation     metrics of the restored model
 * @param millisPerEpoch median wall time of one epoch
 * @param wallMillis     wall time of the whole run
 * @param evaluations    vector-field evaluations over the whole run, forward and backward
 * @param backend        the field backend the training windows ran on, e.g. {@code jvm}
 */
public record TrainingResult(
        NeuralOdeModel model,
        TrainingConfig config,
        double[] trainLoss,
        double[] validationLoss,
        int bestEpoch,
        boolean stoppedEarly,
        boolean cancelled,
        Evaluation evaluation,
        double millisPerEpoch,
        double wallMillis,
        long evaluations,
        String backend) {

    public int epochs() {
        return trainLoss.length;
    }
}
