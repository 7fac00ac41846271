package io.odecast.train;

/**
 * How well a trained model fits and forecasts its data. Normalised-space errors are over every
 * variable; R² is per variable in original units. In anchored mode every prediction is one step
 * ahead from the previous observation.
 *
 * @param split           index of the first held-out observation
 * @param trainMse        MSE over the training observations, model space
 * @param trainMae        MAE over the training observations, model space
 * @param testMse         MSE over the held-out observations, model space
 * @param testMae         MAE over the held-out observations, model space
 * @param testPearson     Pearson r over the held-out observations, model space
 * @param testR2          R² per variable over the held-out observations, original units
 * @param naiveTestMae    MAE of the naive forecast (the last observed value) on the held-out observations, model space
 * @param predicted       the model's value for each observation, original units; NaN where it makes none
 */
public record Evaluation(
        int split,
        double trainMse,
        double trainMae,
        double testMse,
        double testMae,
        double testPearson,
        double[] testR2,
        double naiveTestMae,
        double[][] predicted) {
}
