package io.odecast.app;

import io.odecast.stream.SeriesHistory;
import io.odecast.train.NeuralOdeModel;

/** How a newly trained model (challenger) is compared with the model in use (champion). */
final class ChampionChallenger {

    private ChampionChallenger() {
    }

    /**
     * Mean one-step-ahead absolute error of {@code model} on observations {@code from..n-1} of
     * {@code history}, each forecast from the observation before it, per variable over the history's
     * naive one-step MAE (so variables of any scale weigh alike; below 1 beats the naive forecast).
     * NaN when there is nothing to score; infinite when the model cannot forecast.
     */
    static double oneStepError(NeuralOdeModel model, SeriesHistory history, int from) {
        double[] t = history.times();
        double[][] y = history.values();
        int vars = history.variables().size();
        double[] scale = new double[vars];
        for (int i = 1; i < t.length; i++) {
            for (int v = 0; v < vars; v++) {
                scale[v] += Math.abs(y[i][v] - y[i - 1][v]) / (t.length - 1);
            }
        }
        double sum = 0;
        int n = 0;
        for (int i = Math.max(1, from); i < t.length; i++) {
            double[] predicted;
            try {
                predicted = model.forecast(t[i - 1], y[i - 1], new double[] {t[i]})[0];
            } catch (RuntimeException e) {
                return Double.POSITIVE_INFINITY;
            }
            for (int v = 0; v < vars; v++) {
                double e = Math.abs(y[i][v] - predicted[v]) / (scale[v] > 0 ? scale[v] : 1);
                sum += Double.isFinite(e) ? e : Double.POSITIVE_INFINITY;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
