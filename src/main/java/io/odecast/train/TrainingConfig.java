package io.odecast.train;

import io.odecast.nn.Activation;
import io.odecast.nn.Backends;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything that decides a training run. {@link #SEED} holds the seed article's hyper-parameters,
 * the defaults everywhere.
 *
 * @param mode            trajectory (learned x0) or anchored (windows from observed states)
 * @param hidden          hidden layer widths of the vector field
 * @param activation      hidden activation
 * @param periods         Fourier time-feature periods, in the data's time unit
 * @param initialisation  parameter initialisation
 * @param method          solver method
 * @param rtol            solver relative tolerance
 * @param atol            solver absolute tolerance
 * @param maxSteps        solver step limit per solve
 * @param learningRate    AdamW learning rate
 * @param weightDecay     AdamW decoupled weight decay
 * @param clipNorm        gradient-norm clipping threshold
 * @param loss            training loss
 * @param epochs          most epochs
 * @param patience        epochs without validation improvement before stopping
 * @param trainFraction   leading fraction of the observations used for training; the rest validates
 * @param normaliser      value transform
 * @param normaliseOnAll  fit the normaliser on all observations (the seed's choice) rather than the training part
 * @param horizon         anchored mode: observations each training window integrates ahead
 * @param gradient        backprop through the steps, or the adjoint method
 * @param backend         where the field is evaluated: auto, jvm, nd4j (CPU or GPU, as built), nd4j-float32
 * @param seed            random seed of the initialisation
 */
public record TrainingConfig(
        TrainingMode mode,
        int[] hidden,
        Activation activation,
        double[] periods,
        Initialisation initialisation,
        OdeMethod method,
        double rtol,
        double atol,
        int maxSteps,
        double learningRate,
        double weightDecay,
        double clipNorm,
        Loss loss,
        int epochs,
        int patience,
        double trainFraction,
        Normaliser.Kind normaliser,
        boolean normaliseOnAll,
        int horizon,
        GradientMethod gradient,
        Backends.Choice backend,
        long seed) {

    /** The seed article's setup. */
    public static final TrainingConfig SEED = new TrainingConfig(TrainingMode.TRAJECTORY, new int[] {64, 64},
            Activation.TANH, new double[] {8, 11}, Initialisation.SEED, OdeMethod.DOPRI5, 1e-4, 1e-4, 2000,
            3e-3, 1e-4, 1.0, Loss.MSE, 3000, 50, 0.8, Normaliser.Kind.LOG1P_ZSCORE, true, 3,
            GradientMethod.BACKPROP, Backends.Choice.AUTO, 1337);

    public TrainingConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(normaliser, "normaliser");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(backend, "backend");
        hidden = hidden.clone();
        periods = periods.clone();
        if (!method.adaptive()) {
            throw new IllegalArgumentException("training needs an adaptive solver (bosh3, dopri5), got " + method.id());
        }
        if (epochs < 1 || patience < 1 || maxSteps < 1 || horizon < 1) {
            throw new IllegalArgumentException("epochs, patience, maxSteps and horizon must be >= 1");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("clipNorm must be > 0, got " + clipNorm);
        }
        // Validates the rest: tolerances and the field shape.
        io.odecast.ode.Tolerance.of(rtol, atol);
        new FieldSpec(1, hidden, activation, periods);
    }

    /** The vector field this config trains on a state of {@code stateDim} variables. */
    public FieldSpec fieldSpec(int stateDim) {
        return new FieldSpec(stateDim, hidden, activation, periods);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public double[] periods() {
        return periods.clone();
    }

    public TrainingConfig withMode(TrainingMode m) {
        return new TrainingConfig(m, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, backend, seed);
    }

    /** Fourier time features of these periods (none: an autonomous field). */
    public TrainingConfig withPeriods(double... p) {
        return new TrainingConfig(mode, hidden, activation, p, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, backend, seed);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, backend, s);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, e, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, backend, seed);
    }

    public TrainingConfig withPatience(int p) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, p, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, backend, seed);
    }

    /** The same config with normaliser {@code kind}, fitted on all observations or on the training part only. */
    public TrainingConfig withNormaliser(Normaliser.Kind kind, boolean onAll) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, kind, onAll,
                horizon, gradient, backend, seed);
    }

    public TrainingConfig withBackend(Backends.Choice b) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, gradient, b, seed);
    }

    public TrainingConfig withGradient(GradientMethod g) {
        return new TrainingConfig(mode, hidden, activation, periods, initialisation, method, rtol, atol, maxSteps,
                learningRate, weightDecay, clipNorm, loss, epochs, patience, trainFraction, normaliser, normaliseOnAll,
                horizon, g, backend, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && mode == c.mode && Arrays.equals(hidden, c.hidden)
                && activation == c.activation && Arrays.equals(periods, c.periods) && initialisation == c.initialisation
                && method == c.method && rtol == c.rtol && atol == c.atol && maxSteps == c.maxSteps
                && learningRate == c.learningRate && weightDecay == c.weightDecay && clipNorm == c.clipNorm
                && loss == c.loss && epochs == c.epochs && patience == c.patience && trainFraction == c.trainFraction
                && normaliser == c.normaliser && normaliseOnAll == c.normaliseOnAll && horizon == c.horizon
                && gradient == c.gradient && backend == c.backend && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, Arrays.hashCode(hidden), activation, method, learningRate, epochs, seed);
    }
}
