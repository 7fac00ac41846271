package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.odecast.nn.Activation;
import io.odecast.nn.FieldSpec;
import io.odecast.ode.OdeMethod;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.RetrainListener;
import io.odecast.stream.SeriesHistory;
import io.odecast.stream.StreamSettings;
import io.odecast.train.Dataset;
import io.odecast.train.NeuralOdeModel;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A new model replaces the one in use only if it forecasts the validation tail at least as well. */
class ChampionChallengerTest {

    /** dx/dt = 0: every forecast is the last observed value. */
    private static NeuralOdeModel persistence(List<String> variables) {
        FieldSpec spec = new FieldSpec(variables.size(), new int[] {4}, Activation.TANH, new double[] {});
        int d = variables.size();
        return new NeuralOdeModel(spec, new double[spec.parameterCount()], new double[0],
                new Normaliser(Normaliser.Kind.NONE, new double[d], filled(d, 1)), 0, variables, TrainingMode.ANCHORED,
                OdeMethod.DOPRI5, 1e-6, 1e-6, 1000);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void thePersistenceModelScoresExactlyOneOnALine() {
        int n = 20;
        double[] t = new double[n];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            y[i] = new double[] {3 * i, -i};
        }
        SeriesHistory line = new SeriesHistory("line", List.of("a", "b"), t, y, 0, 0);
        // naive one step errors are 3 and 1, as is the scale: the scaled error is 1 everywhere
        assertThat(ChampionChallenger.oneStepError(persistence(List.of("a", "b")), line, 15)).isCloseTo(1.0, within(1e-9));
        assertThat(ChampionChallenger.oneStepError(persistence(List.of("a", "b")), line, n)).isNaN();
    }

    @Test
    void aBarelyTrainedChallengerIsRejectedAndAGoodOneIsPublished() {
        Dataset data = Backtest.dataset("lotka-volterra");
        SeriesHistory history = new SeriesHistory("s", data.variables(), data.times(), data.values(), 0, 0);
        StreamSettings settings = Backtest.settings(data, null, 5, 0, 0.8, 8, 5);
        List<PublishedModel> published = new CopyOnWriteArrayList<>();
        List<RetrainListener.Outcome> outcomes = new CopyOnWriteArrayList<>();
        RetrainListener record = new RetrainListener() {
            @Override
            public void trainingEnded(String series, Outcome outcome, long nanos, int epochs, double loss) {
                outcomes.add(outcome);
            }
        };
        try (RetrainingService full = new RetrainingService(settings, 1, 4, published::add, record)) {
            full.request(history, null);
            full.awaitIdle();
        }
        assertThat(outcomes).containsExactly(RetrainListener.Outcome.PUBLISHED);
        PublishedModel champion = published.get(0);
        assertThat(champion.version()).isEqualTo(1);

        StreamSettings oneEpoch = settings.withTraining(settings.training().withEpochs(1), settings.transform());
        try (RetrainingService weak = new RetrainingService(oneEpoch, 1, 4, published::add, record)) {
            weak.request(history, champion);
            weak.awaitIdle();
            // against a champion that only repeats the last value, the trained one wins
            weak.request(history, new PublishedModel("s", 7, persistence(data.variables())));
            weak.awaitIdle();
            assertThat(weak.status("s").lastOutcome()).isEqualTo("published");
        }
        assertThat(outcomes).containsExactly(RetrainListener.Outcome.PUBLISHED, RetrainListener.Outcome.REJECTED,
                RetrainListener.Outcome.PUBLISHED);
        assertThat(new ArrayList<>(published)).extracting(PublishedModel::version).containsExactly(1L, 8L);
    }

    @Test
    void aSeriesTrainsWithItsOwnTimeFeatures() {
        Dataset data = Backtest.dataset("lotka-volterra");
        StreamSettings base = Backtest.settings(data, null, 5, 0, 0.8, 8, 5);
        StreamSettings settings = base.withSeries(java.util.Map.of("cyc", new io.odecast.stream.SeriesSettings(
                java.util.Optional.empty(), base.transform(), 5, 8, 0, List.of(6.0))));
        List<PublishedModel> published = new CopyOnWriteArrayList<>();
        try (RetrainingService training = new RetrainingService(settings, 1, 4, published::add, RetrainListener.NONE)) {
            training.request(new SeriesHistory("cyc", data.variables(), data.times(), data.values(), 0, 0), null);
            training.request(new SeriesHistory("plain", data.variables(), data.times(), data.values(), 0, 0), null);
            training.awaitIdle();
        }
        assertThat(published).hasSize(2);
        for (PublishedModel m : published) {
            assertThat(m.model().field().periods()).as(m.series())
                    .containsExactly(m.series().equals("cyc") ? new double[] {6.0} : new double[0]);
        }
    }
}
