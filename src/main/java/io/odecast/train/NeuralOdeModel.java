package io.odecast.train;

import io.odecast.nn.FieldSpec;
import io.odecast.nn.JvmBackend;
import io.odecast.nn.NeuralField;
import io.odecast.ode.ContinuousSolution;
import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSolver;
import io.odecast.ode.SolverOptions;
import io.odecast.ode.Tape;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained Neural ODE: the field and its parameters, the normaliser, the time origin, and — for the
 * trajectory mode — the learned initial state. Immutable; predicting allocates its own workspace.
 *
 * @param field        the vector field's shape
 * @param parameters   the field's parameters
 * @param initialState learned initial state in model space at {@code timeOrigin} (trajectory mode), else empty
 * @param normaliser   value transform
 * @param timeOrigin   time of the first training observation; the field sees {@code t - timeOrigin}
 * @param variables    variable names, in state order
 * @param mode         how it was trained
 * @param method       solver method
 * @param rtol         solver relative tolerance
 * @param atol         solver absolute tolerance
 * @param maxSteps     solver step limit
 */
public record NeuralOdeModel(
        FieldSpec field,
        double[] parameters,
        double[] initialState,
        Normaliser normaliser,
        double timeOrigin,
        List<String> variables,
        TrainingMode mode,
        OdeMethod method,
        double rtol,
        double atol,
        int maxSteps) {

    public NeuralOdeModel {
        Objects.requireNonNull(field, "field");
        parameters = parameters.clone();
        initialState = initialState.clone();
        variables = List.copyOf(variables);
        if (parameters.length != field.parameterCount()) {
            throw new IllegalArgumentException("the field needs " + field.parameterCount() + " parameters, got "
                    + parameters.length);
        }
        if (variables.size() != field.stateDim() || normaliser.dimension() != field.stateDim()) {
            throw new IllegalArgumentException("variables, normaliser and field disagree on the state size");
        }
        if (mode == TrainingMode.TRAJECTORY && initialState.length != field.stateDim()) {
            throw new IllegalArgumentException("a trajectory model needs its initial state");
        }
        for (double p : parameters) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("model parameters must be finite");
            }
        }
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] initialState() {
        return initialState.clone();
    }

    /**
     * Trajectory mode: the model's values (raw units) at {@code times}, integrating from the learned
     * initial state at {@code timeOrigin}; times must not decrease and not precede it.
     */
    public double[][] trajectory(double[] times) {
        if (mode != TrainingMode.TRAJECTORY) {
            throw new IllegalStateException("an anchored model forecasts from an observed state: use forecast()");
        }
        return integrate(timeOrigin, initialState, times);
    }

    /** The forecast (raw units) at {@code times} from the observed raw state {@code from} at {@code fromTime}. */
    public double[][] forecast(double fromTime, double[] from, double[] times) {
        return integrate(fromTime, normaliser.normalise(from), times);
    }

    /**
     * The dense solution from the observed raw state {@code from} at {@code fromTime} to {@code toTime},
     * in model space, its time measured from {@link #timeOrigin()}: what a continuous forecast is made of.
     */
    public ContinuousSolution continuousFrom(double fromTime, double[] from, double toTime) {
        if (!(toTime >= fromTime)) {
            throw new IllegalArgumentException("a forecast runs forwards: toTime " + toTime + " < fromTime " + fromTime);
        }
        return solver().solveContinuous(system(), fromTime - timeOrigin, normaliser.normalise(from), toTime - timeOrigin);
    }

    /**
     * Integrates in model space from {@code z0} at {@code t0}, landing on every requested time and
     * carrying the step size from one interval to the next — the way the trainer integrates.
     */
    double[][] integrate(double t0, double[] z0, double[] times) {
        double[] relative = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            relative[i] = times[i] - timeOrigin;
        }
        double[][] out = new double[times.length][];
        Intervals.through(solver(), system(), Tape.of(method, field.stateDim()), t0 - timeOrigin, z0, relative, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = normaliser.denormalise(out[i]);
        }
        return out;
    }

    /** The field with this model's parameters, on the JVM backend: a single series is per-record work. */
    private NeuralField system() {
        return new NeuralField(new JvmBackend(field), 1).parameters(parameters);
    }

    OdeSolver solver() {
        return OdeSolver.of(method, SolverOptions.defaults().withTolerance(rtol, atol).withMaxSteps(maxSteps));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuralOdeModel m && field.equals(m.field) && Arrays.equals(parameters, m.parameters)
                && Arrays.equals(initialState, m.initialState) && normaliser.kind() == m.normaliser.kind()
                && Arrays.equals(normaliser.mean(), m.normaliser.mean()) && Arrays.equals(normaliser.std(), m.normaliser.std())
                && timeOrigin == m.timeOrigin && variables.equals(m.variables) && mode == m.mode && method == m.method
                && rtol == m.rtol && atol == m.atol && maxSteps == m.maxSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, Arrays.hashCode(parameters), timeOrigin, variables, mode);
    }
}
