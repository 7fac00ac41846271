package io.odecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.odecast.examples.LotkaVolterra;
import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Lotka–Volterra sampled at irregular times, lightly noisy: a series a Neural ODE can learn. */
    static Dataset lotkaVolterra(int points, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] times = new double[points];
        for (int i = 1; i < points; i++) {
            times[i] = times[i - 1] + r.nextDouble(0.3, 0.9);
        }
        OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-9, 1e-9));
        var solution = solver.solve(LotkaVolterra.CLASSIC, 0, new double[] {10, 10}, times);
        double[][] values = new double[points][];
        for (int i = 0; i < points; i++) {
            double[] y = solution.state(i);
            values[i] = new double[] {y[0] * (1 + noise * r.nextGaussian()), y[1] * (1 + noise * r.nextGaussian())};
        }
        return new Dataset("lotka-volterra", List.of("prey", "predators"), times, values);
    }

    static final TrainingConfig SMALL = new TrainingConfig(TrainingMode.TRAJECTORY, new int[] {16, 16},
            io.odecast.nn.Activation.TANH, new double[] {}, io.odecast.nn.Initialisation.SEED, OdeMethod.DOPRI5,
            1e-5, 1e-5, 2000, 1e-2, 1e-4, 1.0, Loss.MSE, 300, 300, 0.8, Normaliser.Kind.LOG1P_ZSCORE, false, 3,
            GradientMethod.BACKPROP, io.odecast.nn.Backends.Choice.JVM, 7);

    @Test
    void trainingIsDeterministicInTheSeed() {
        TrainingConfig config = TrainingConfig.SEED.withEpochs(15);
        TrainingResult a = Trainer.train(HareLynx.dataset(), config);
        TrainingResult b = Trainer.train(HareLynx.dataset(), config);
        assertThat(a.trainLoss()).containsExactly(b.trainLoss());
        assertThat(a.model()).isEqualTo(b.model());
        TrainingResult c = Trainer.train(HareLynx.dataset(), config.withSeed(8));
        assertThat(c.trainLoss()[14]).isNotEqualTo(a.trainLoss()[14]);
    }

    @Test
    void trajectoryModeLearnsAnIrregularlySampledSystem() {
        Dataset data = lotkaVolterra(25, 0.0, 3);
        TrainingResult result = Trainer.train(data, SMALL);
        double[] loss = result.trainLoss();
        assertThat(loss[loss.length - 1]).isLessThan(0.1 * loss[0]);
        assertThat(result.epochs()).isEqualTo(SMALL.epochs());
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void theBestCheckpointIsRestoredAndItsPredictionsAreTheModels() {
        TrainingResult r = Trainer.train(HareLynx.dataset(), TrainingConfig.SEED);
        double[] validation = r.validationLoss();
        double min = Double.POSITIVE_INFINITY;
        int argmin = 0;
        for (int i = 0; i < validation.length; i++) {
            if (validation[i] + 1e-8 < min) {
                min = validation[i];
                argmin = i + 1;
            }
        }
        assertThat(r.bestEpoch()).isEqualTo(argmin);
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.epochs()).isEqualTo(r.bestEpoch() + TrainingConfig.SEED.patience());
        assertThat(r.evaluation().testMse()).isCloseTo(min, within(1e-9));
        // The model's own trajectory reproduces the evaluation's predictions.
        Dataset data = HareLynx.dataset();
        double[][] trajectory = r.model().trajectory(data.times());
        for (int i = 0; i < data.size(); i++) {
            assertThat(trajectory[i][0]).isCloseTo(r.evaluation().predicted()[i][0], within(1e-9));
        }
    }

    @Test
    void adjointGradientsTrainLikeBackprop() {
        TrainingConfig config = TrainingConfig.SEED.withEpochs(10);
        TrainingResult backprop = Trainer.train(HareLynx.dataset(), config);
        TrainingResult adjoint = Trainer.train(HareLynx.dataset(), config.withGradient(GradientMethod.ADJOINT));
        for (int i = 0; i < 10; i++) {
            assertThat(adjoint.trainLoss()[i]).isCloseTo(backprop.trainLoss()[i], within(1e-3 * backprop.trainLoss()[i]));
        }
    }

    @Test
    void theNd4jBackendTrainsLikeTheJvmBackend() {
        TrainingConfig config = SMALL.withMode(TrainingMode.ANCHORED).withEpochs(5);
        Dataset data = lotkaVolterra(30, 0.01, 5);
        TrainingResult jvm = Trainer.train(data, config.withBackend(io.odecast.nn.Backends.Choice.JVM));
        TrainingResult nd4j = Trainer.train(data, config.withBackend(io.odecast.nn.Backends.Choice.ND4J));
        assertThat(jvm.backend()).isEqualTo("jvm");
        assertThat(nd4j.backend()).isEqualTo("nd4j-float64");
        for (int i = 0; i < 5; i++) {
            assertThat(nd4j.trainLoss()[i]).isCloseTo(jvm.trainLoss()[i], within(1e-9 * jvm.trainLoss()[i]));
        }
    }

    @Test
    void anchoredModeBeatsTheNaiveForecastOnASmoothSeries() {
        Dataset data = lotkaVolterra(60, 0.01, 11);
        TrainingConfig anchored = SMALL.withMode(TrainingMode.ANCHORED);
        TrainingResult r = Trainer.train(data, anchored);
        Evaluation e = r.evaluation();
        assertThat(e.predicted()[0][0]).isNaN();
        assertThat(e.testMae()).isLessThan(0.5 * e.naiveTestMae());
        // A forecast from the model, from an observed state, matches the evaluation's one-step prediction
        // up to the solver tolerance (the evaluation solves all windows in one batch, on their own clocks).
        int i = data.size() - 1;
        double[][] f = r.model().forecast(data.time(i - 1), data.values()[i - 1], new double[] {data.time(i)});
        assertThat(f[0][1]).isCloseTo(e.predicted()[i][1], within(100 * anchored.rtol() * Math.abs(f[0][1])));
    }

    @Test
    void cancellationStopsAfterTheCurrentEpochWithTheBestSoFar() {
        AtomicInteger epochs = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochEnded(int epoch, int maxEpochs, double trainLoss, double validationLoss, int bestEpoch,
                                   double bestValidationLoss) {
                seen.add(epoch);
                epochs.set(epoch);
            }
        };
        TrainingResult r = Trainer.train(HareLynx.dataset(), TrainingConfig.SEED, listener, () -> epochs.get() >= 3);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.epochs()).isEqualTo(3);
        assertThat(seen).containsExactly(1, 2, 3);
    }
}
