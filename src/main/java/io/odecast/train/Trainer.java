package io.odecast.train;

import io.odecast.nn.FieldBackend;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Backends;
import io.odecast.nn.NeuralField;
import io.odecast.ode.Adjoint;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import io.odecast.ode.SolverStats;
import io.odecast.ode.Tape;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Fits a Neural ODE to a {@link Dataset} as a {@link TrainingConfig} says: full-batch AdamW with
 * gradient clipping, early stopping on the held-out tail with the best checkpoint restored, exactly
 * as the seed does — in trajectory mode from a learned x0, in anchored mode from observed states.
 *
 * <p>Every solve lands on the observation times (one solve per interval between observations), so
 * predictions are step ends and gradients flow through the recorded steps without interpolation.
 */
public final class Trainer {

    private static final double IMPROVEMENT = 1e-8;

    private final Dataset data;
    private final TrainingConfig config;
    private final int n;
    private final int d;
    private final int split;
    private final Normaliser normaliser;
    private final double[][] z;
    private final double[] tau;
    private final FieldSpec spec;
    private final OdeSolver solver;
    private final double[] theta;
    private final double[] thetaBar;
    private long evaluations;

    private Trainer(Dataset data, TrainingConfig config) {
        this.data = data;
        this.config = config;
        this.n = data.size();
        this.d = data.dimension();
        this.split = Math.max(2, Math.min(n - 1, (int) (config.trainFraction() * n)));
        double[][] raw = data.values();
        this.normaliser = Normaliser.fit(config.normaliser(),
                config.normaliseOnAll() ? raw : Arrays.copyOf(raw, split));
        this.z = new double[n][];
        this.tau = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = normaliser.normalise(raw[i]);
            tau[i] = data.time(i) - data.time(0);
        }
        this.spec = config.fieldSpec(d);
        this.solver = OdeSolver.of(config.method(),
                SolverOptions.defaults().withTolerance(config.rtol(), config.atol()).withMaxSteps(config.maxSteps()));
        this.theta = spec.initialParameters(config.initialisation(), config.seed());
        this.thetaBar = new double[theta.length];
    }

    /** Trains without a listener or cancellation. */
    public static TrainingResult train(Dataset data, TrainingConfig config) {
        return train(data, config, TrainingListener.NONE, () -> false);
    }

    /**
     * Trains, reporting each epoch to {@code listener}; stops after the current epoch when
     * {@code cancelled} turns true, keeping the best checkpoint so far.
     */
    public static TrainingResult train(Dataset data, TrainingConfig config, TrainingListener listener,
                                       BooleanSupplier cancelled) {
        return new Trainer(data, config).run(listener, cancelled);
    }

    private TrainingResult run(TrainingListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        Objective objective = config.mode() == TrainingMode.TRAJECTORY ? new Trajectory() : new Anchored();
        double[][] params = objective.parameters();
        double[][] grads = objective.gradients();
        int[] sizes = Arrays.stream(params).mapToInt(p -> p.length).toArray();
        AdamW optimiser = new AdamW(config.learningRate(), config.weightDecay(), sizes);
        double[][] best = copy(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int stale = 0;
        double[] trainLoss = new double[config.epochs()];
        double[] validationLoss = new double[config.epochs()];
        double[] epochMillis = new double[config.epochs()];
        int epoch = 0;
        boolean stoppedEarly = false;
        boolean wasCancelled = false;
        while (epoch < config.epochs()) {
            long epochStart = System.nanoTime();
            for (double[] g : grads) {
                Arrays.fill(g, 0);
            }
            trainLoss[epoch] = objective.lossAndGradient();
            AdamW.clipGradientNorm(grads, config.clipNorm());
            optimiser.step(params, grads);
            validationLoss[epoch] = objective.validationLoss();
            epochMillis[epoch] = (System.nanoTime() - epochStart) / 1e6;
            epoch++;
            if (validationLoss[epoch - 1] + IMPROVEMENT < bestLoss) {
                bestLoss = validationLoss[epoch - 1];
                bestEpoch = epoch;
                stale = 0;
                copyInto(params, best);
            } else {
                stale++;
            }
            listener.epochEnded(epoch, config.epochs(), trainLoss[epoch - 1], validationLoss[epoch - 1], bestEpoch, bestLoss);
            if (stale >= config.patience()) {
                stoppedEarly = true;
                break;
            }
            if (cancelled.getAsBoolean()) {
                wasCancelled = true;
                break;
            }
        }
        if (bestEpoch == 0) {
            throw new IllegalStateException("training diverged: the validation loss was never finite");
        }
        copyInto(best, params);
        NeuralOdeModel model = new NeuralOdeModel(spec, theta, objective.initialState(), normaliser, data.time(0),
                data.variables(), config.mode(), config.method(), config.rtol(), config.atol(), config.maxSteps());
        Evaluation evaluation = objective.evaluate();
        double[] ran = Arrays.copyOf(epochMillis, epoch);
        Arrays.sort(ran);
        return new TrainingResult(model, config, Arrays.copyOf(trainLoss, epoch), Arrays.copyOf(validationLoss, epoch),
                bestEpoch, stoppedEarly, wasCancelled, evaluation, ran[ran.length / 2],
                (System.nanoTime() - start) / 1e6, evaluations, objective.backend());
    }

    /** What each mode trains: its parameter blocks, its loss and gradient, its validation and evaluation. */
    private interface Objective {
        double[][] parameters();

        double[][] gradients();

        /** The training loss; adds its gradient into {@link #gradients()}. */
        double lossAndGradient();

        double validationLoss();

        double[] initialState();

        Evaluation evaluate();

        /** The backend its training windows run on, e.g. {@code jvm}. */
        String backend();
    }

    /** The seed's mode: x0 is learned, one trajectory through every training observation. */
    private final class Trajectory implements Objective {
        private final double[] x0 = new double[d];
        private final double[] x0Bar = new double[d];
        private final NeuralField field = new NeuralField(fieldBackend(1), 1).parameters(theta);
        private final Tape[] tapes = new Tape[split - 1];
        private final double[][] predicted = new double[split][d];
        private final double[] flatPredicted = new double[split * d];
        private final double[] flatTarget = new double[split * d];
        private final double[] cotangent = new double[split * d];
        private final double[] yBar = new double[d];
        private final Tape scratch = Tape.of(config.method(), d);

        Trajectory() {
            for (int j = 0; j < tapes.length; j++) {
                tapes[j] = Tape.of(config.method(), d);
            }
            for (int i = 0; i < split; i++) {
                System.arraycopy(z[i], 0, flatTarget, i * d, d);
            }
        }

        @Override
        public double[][] parameters() {
            return new double[][] {theta, x0};
        }

        @Override
        public double[][] gradients() {
            return new double[][] {thetaBar, x0Bar};
        }

        @Override
        public double lossAndGradient() {
            System.arraycopy(x0, 0, predicted[0], 0, d);
            double step = Double.NaN;
            for (int j = 0; j < split - 1; j++) {
                SolverStats stats = solver.record(field, tau[j], predicted[j], tau[j + 1], tapes[j], step);
                evaluations += stats.evaluations();
                step = stats.nextStep();
                tapes[j].endState(predicted[j + 1]);
            }
            for (int i = 0; i < split; i++) {
                System.arraycopy(predicted[i], 0, flatPredicted, i * d, d);
            }
            double loss = config.loss().evaluate(flatPredicted, flatTarget, split * d, cotangent);
            System.arraycopy(cotangent, (split - 1) * d, yBar, 0, d);
            for (int j = split - 2; j >= 0; j--) {
                if (config.gradient() == GradientMethod.ADJOINT) {
                    Adjoint.backward(solver, field, tau[j + 1], predicted[j + 1], tau[j], yBar, thetaBar);
                } else {
                    tapes[j].backward(field, yBar, thetaBar);
                }
                for (int k = 0; k < d; k++) {
                    yBar[k] += cotangent[j * d + k];
                }
            }
            System.arraycopy(yBar, 0, x0Bar, 0, d);
            return loss;
        }

        @Override
        public double validationLoss() {
            double[][] all = trajectory();
            double sum = 0;
            for (int i = split; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double e = all[i][k] - z[i][k];
                    sum += e * e;
                }
            }
            return sum / ((n - split) * d);
        }

        /** The model-space trajectory through every observation time. */
        double[][] trajectory() {
            double[][] out = new double[n][];
            out[0] = x0.clone();
            double[][] later = new double[n - 1][];
            evaluations += Intervals.through(solver, field, scratch, tau[0], x0, Arrays.copyOfRange(tau, 1, n), later);
            System.arraycopy(later, 0, out, 1, n - 1);
            return out;
        }

        @Override
        public double[] initialState() {
            return x0.clone();
        }

        @Override
        public String backend() {
            return field.backend().name();
        }

        @Override
        public Evaluation evaluate() {
            return Trainer.this.evaluate(trajectory());
        }
    }

    /**
     * Multiple shooting: windows start at observed states and integrate {@code horizon} observations
     * ahead, all windows in one batched solve per step of the horizon, each on its own clock.
     */
    private final class Anchored implements Objective {
        private final int horizon;
        private final int[] starts;
        private final NeuralField field;
        private final Tape[] tapes;
        private final double[][] states;
        private final double[] target;
        private final double[] predicted;
        private final double[] cotangent;
        private final double[] yBar;
        private final double[] clockStart;
        private final double[] clockScale;

        Anchored() {
            this.horizon = Math.min(config.horizon(), split - 1);
            this.starts = new int[split - horizon];
            for (int w = 0; w < starts.length; w++) {
                starts[w] = w;
            }
            int windows = starts.length;
            this.field = new NeuralField(fieldBackend(windows), windows).parameters(theta);
            this.tapes = new Tape[horizon];
            for (int j = 0; j < horizon; j++) {
                tapes[j] = Tape.of(config.method(), windows * d);
            }
            this.states = new double[horizon + 1][windows * d];
            for (int w = 0; w < windows; w++) {
                System.arraycopy(z[starts[w]], 0, states[0], w * d, d);
            }
            this.target = new double[horizon * windows * d];
            for (int j = 1; j <= horizon; j++) {
                for (int w = 0; w < windows; w++) {
                    System.arraycopy(z[starts[w] + j], 0, target, ((j - 1) * windows + w) * d, d);
                }
            }
            this.predicted = new double[target.length];
            this.cotangent = new double[target.length];
            this.yBar = new double[windows * d];
            this.clockStart = new double[windows];
            this.clockScale = new double[windows];
        }

        private void clocks(int segment) {
            for (int w = 0; w < starts.length; w++) {
                int i = starts[w] + segment;
                clockStart[w] = tau[i];
                clockScale[w] = tau[i + 1] - tau[i];
            }
            field.clocks(segment, clockStart, clockScale);
        }

        @Override
        public double[][] parameters() {
            return new double[][] {theta};
        }

        @Override
        public double[][] gradients() {
            return new double[][] {thetaBar};
        }

        @Override
        public double lossAndGradient() {
            int size = states[0].length;
            double step = Double.NaN;
            for (int j = 0; j < horizon; j++) {
                clocks(j);
                SolverStats stats = solver.record(field, j, states[j], j + 1, tapes[j], step);
                evaluations += stats.evaluations();
                step = stats.nextStep();
                tapes[j].endState(states[j + 1]);
                System.arraycopy(states[j + 1], 0, predicted, j * size, size);
            }
            double loss = config.loss().evaluate(predicted, target, predicted.length, cotangent);
            Arrays.fill(yBar, 0);
            for (int j = horizon - 1; j >= 0; j--) {
                for (int k = 0; k < size; k++) {
                    yBar[k] += cotangent[j * size + k];
                }
                clocks(j);
                if (config.gradient() == GradientMethod.ADJOINT) {
                    Adjoint.backward(solver, field, j + 1, states[j + 1], j, yBar, thetaBar);
                } else {
                    tapes[j].backward(field, yBar, thetaBar);
                }
            }
            return loss;
        }

        @Override
        public double validationLoss() {
            double[][] ahead = oneStepAhead(split - 1);
            double sum = 0;
            for (int i = split; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double e = ahead[i][k] - z[i][k];
                    sum += e * e;
                }
            }
            return sum / ((n - split) * d);
        }

        @Override
        public double[] initialState() {
            return new double[0];
        }

        @Override
        public String backend() {
            return field.backend().name();
        }

        @Override
        public Evaluation evaluate() {
            return Trainer.this.evaluate(oneStepAhead(0));
        }
    }

    /**
     * One-step-ahead predictions in model space: row i (for i > from) is the forecast of observation i
     * from observation i - 1; earlier rows are null. One batched solve over all the windows.
     */
    private double[][] oneStepAhead(int from) {
        int windows = n - 1 - from;
        NeuralField field = new NeuralField(fieldBackend(windows), windows).parameters(theta);
        double[] y0 = new double[windows * d];
        double[] start = new double[windows];
        double[] scale = new double[windows];
        for (int w = 0; w < windows; w++) {
            System.arraycopy(z[from + w], 0, y0, w * d, d);
            start[w] = tau[from + w];
            scale[w] = tau[from + w + 1] - tau[from + w];
        }
        field.clocks(0, start, scale);
        var solution = solver.solve(field, 0, y0, 1);
        evaluations += solution.stats().evaluations();
        double[] end = solution.finalState();
        double[][] out = new double[n][];
        for (int w = 0; w < windows; w++) {
            out[from + w + 1] = Arrays.copyOfRange(end, w * d, (w + 1) * d);
        }
        return out;
    }

    private FieldBackend fieldBackend(int batch) {
        return Backends.create(config.backend(), spec, batch);
    }

    /** Metrics of model-space predictions {@code pred} (null rows: no prediction) against the data. */
    private Evaluation evaluate(double[][] pred) {
        double[][] raw = data.values();
        double[][] predictedRaw = new double[n][];
        for (int i = 0; i < n; i++) {
            predictedRaw[i] = pred[i] == null ? nan(d) : normaliser.denormalise(pred[i]);
        }
        int firstTrain = pred[0] == null ? 1 : 0;
        double[] trainP = flatten(pred, z, firstTrain, split, true);
        double[] trainO = flatten(pred, z, firstTrain, split, false);
        double[] testP = flatten(pred, z, split, n, true);
        double[] testO = flatten(pred, z, split, n, false);
        double[] r2 = new double[d];
        for (int k = 0; k < d; k++) {
            double[] p = new double[n - split];
            double[] o = new double[n - split];
            for (int i = split; i < n; i++) {
                p[i - split] = predictedRaw[i][k];
                o[i - split] = raw[i][k];
            }
            r2[k] = Metrics.r2(p, o);
        }
        double naive = 0;
        for (int i = split; i < n; i++) {
            for (int k = 0; k < d; k++) {
                naive += Math.abs(z[i - 1][k] - z[i][k]);
            }
        }
        naive /= (n - split) * d;
        return new Evaluation(split, Metrics.mse(trainP, trainO), Metrics.mae(trainP, trainO), Metrics.mse(testP, testO),
                Metrics.mae(testP, testO), Metrics.pearson(testP, testO), r2, naive, predictedRaw);
    }

    private double[] flatten(double[][] pred, double[][] observed, int from, int to, boolean predictions) {
        double[] out = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            System.arraycopy(predictions ? pred[i] : observed[i], 0, out, (i - from) * d, d);
        }
        return out;
    }

    private static double[] nan(int size) {
        double[] v = new double[size];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static double[][] copy(double[][] blocks) {
        double[][] out = new double[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            out[b] = blocks[b].clone();
        }
        return out;
    }

    private static void copyInto(double[][] from, double[][] to) {
        for (int b = 0; b < from.length; b++) {
            System.arraycopy(from[b], 0, to[b], 0, from[b].length);
        }
    }
}
