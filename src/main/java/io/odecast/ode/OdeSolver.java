package io.odecast.ode;

import java.util.Objects;

/**
 * Integrates an {@link OdeSystem} with one {@link OdeMethod} and one set of {@link SolverOptions}.
 * Immutable and thread-safe: every solve allocates its own workspace once, then nothing per step.
 *
 * <pre>{@code
 * OdeSolver solver = OdeSolver.of(OdeMethod.DOPRI5, SolverOptions.defaults().withTolerance(1e-6, 1e-6));
 * OdeSolution out = solver.solve(system, 0.0, y0, 1.0, 2.0, 5.0);          // states at given times
 * ContinuousSolution y = solver.solveContinuous(system, 0.0, y0, 5.0);       // y(t) anywhere in [0, 5]
 * }</pre>
 *
 * <p>Time may run backwards ({@code t1 < t0}). Failures raise an {@link OdeSolverException}.
 */
public final class OdeSolver {

    private final OdeMethod method;
    private final SolverOptions options;

    private OdeSolver(OdeMethod method, SolverOptions options) {
        this.method = Objects.requireNonNull(method, "method");
        this.options = Objects.requireNonNull(options, "options");
        if (!method.adaptive() && options.fixedStep().isEmpty()) {
            throw new IllegalArgumentException("method " + method.id()
                    + " has no error estimate: give it a fixed step size (SolverOptions.withFixedStep)");
        }
    }

    /** A solver for {@code method} with {@code options}. */
    public static OdeSolver of(OdeMethod method, SolverOptions options) {
        return new OdeSolver(method, options);
    }

    /** A solver for the method registered under {@code name}. */
    public static OdeSolver of(String name, SolverOptions options) {
        return new OdeSolver(OdeMethod.byName(name), options);
    }

    public OdeMethod method() {
        return method;
    }

    public SolverOptions options() {
        return options;
    }

    /**
     * Solves from {@code (t0, y0)} and returns the state at each of {@code times}, which must be
     * ordered in the direction of integration and lie on one side of {@code t0} (equal to it is fine).
     * Times between steps are filled from the method's dense output.
     */
    public OdeSolution solve(OdeSystem system, double t0, double[] y0, double... times) {
        return solve(system, t0, y0, times, StepListener.NONE);
    }

    /** As {@link #solve(OdeSystem, double, double[], double...)}, reporting every step to {@code listener}. */
    public OdeSolution solve(OdeSystem system, double t0, double[] y0, double[] times, StepListener listener) {
        Objects.requireNonNull(times, "times");
        double[] out = times.clone();
        checkOutputTimes(t0, out);
        OutputCollector collector = new OutputCollector(t0, y0, out, listener);
        SolverStats stats = integrate(system, t0, y0, out[out.length - 1], collector);
        return new OdeSolution(out, collector.states, stats);
    }

    /** Solves from {@code (t0, y0)} to {@code t1} and keeps every step's interpolant: {@code y(t)} for any t in between. */
    public ContinuousSolution solveContinuous(OdeSystem system, double t0, double[] y0, double t1) {
        return solveContinuous(system, t0, y0, t1, StepListener.NONE);
    }

    /** As {@link #solveContinuous(OdeSystem, double, double[], double)}, reporting every step to {@code listener}. */
    public ContinuousSolution solveContinuous(OdeSystem system, double t0, double[] y0, double t1, StepListener listener) {
        ContinuousSolution.Recorder recorder = new ContinuousSolution.Recorder(t0, y0, listener);
        SolverStats stats = integrate(system, t0, y0, t1, recorder);
        return recorder.finish(t1, stats);
    }

    /**
     * Solves from {@code (t0, y0)} to {@code t1} and records every accepted step on {@code tape}
     * (cleared first) for {@link Tape#backward}. The end state is {@link Tape#endState}.
     */
    public SolverStats record(DifferentiableSystem system, double t0, double[] y0, double t1, Tape tape) {
        return record(system, t0, y0, t1, tape, Double.NaN);
    }

    /**
     * As {@link #record(DifferentiableSystem, double, double[], double, Tape)}, starting an adaptive
     * solve with step {@code firstStep} (e.g. the {@link SolverStats#nextStep()} of the solve this one
     * continues) instead of choosing one; NaN chooses automatically.
     */
    public SolverStats record(DifferentiableSystem system, double t0, double[] y0, double t1, Tape tape, double firstStep) {
        if (tape.dimension() != system.dimension()) {
            throw new IllegalArgumentException("the tape has " + tape.dimension() + " components but the system has "
                    + system.dimension());
        }
        tape.start(y0);
        return run(system, t0, y0, t1, new StepListener() {
            @Override
            public void stepAccepted(StepInterpolant step) {
                tape.record(step.stepper());
            }
        }, firstStep);
    }

    /**
     * The lowest level: solves from {@code (t0, y0)} to {@code t1}, handing each accepted step to
     * {@code listener}, and returns the statistics.
     */
    public SolverStats integrate(OdeSystem system, double t0, double[] y0, double t1, StepListener listener) {
        return run(system, t0, y0, t1, listener, Double.NaN);
    }

    private SolverStats run(OdeSystem system, double t0, double[] y0, double t1, StepListener listener, double firstStep) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(y0, "y0");
        Objects.requireNonNull(listener, "listener");
        int dimension = system.dimension();
        if (y0.length != dimension) {
            throw new IllegalArgumentException("y0 has " + y0.length + " components but the system has " + dimension);
        }
        if (!options.tolerance().fits(dimension)) {
            throw new IllegalArgumentException("the tolerances do not fit a state of " + dimension + " components");
        }
        if (!Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("t0 and t1 must be finite, got " + t0 + " and " + t1);
        }
        for (int i = 0; i < dimension; i++) {
            if (!Double.isFinite(y0[i])) {
                throw new IllegalArgumentException("y0[" + i + "] is " + y0[i] + "; the initial state must be finite");
            }
        }
        RungeKuttaStepper stepper = new RungeKuttaStepper(method.tableau(), system);
        stepper.start(t0, y0);
        int bad = firstNonFinite(stepper.derivative());
        if (bad >= 0) {
            throw new NonFiniteStateException("derivative dy[" + bad + "]/dt = " + stepper.derivative()[bad]
                    + " at the initial state", t0, 0.0);
        }
        if (t0 == t1) {
            return new SolverStats(stepper.evaluations(), 0, 0, 0);
        }
        StepInterpolant step = new StepInterpolant(stepper);
        return options.fixedStep().isPresent()
                ? fixedGrid(stepper, step, t1, listener)
                : adaptive(stepper, step, t1, listener, firstStep);
    }

    private SolverStats fixedGrid(RungeKuttaStepper stepper, StepInterpolant step, double t1, StepListener listener) {
        double t0 = stepper.time();
        double h = options.fixedStep().getAsDouble();
        double direction = Math.signum(t1 - t0);
        // A grid t0 + i*h (computed by multiplication, so it does not drift), the last point moved onto t1;
        // the slack keeps 12 / 0.01 = 1200.0000000000002 from adding a last step of 2e-15.
        double steps = Math.max(1, Math.ceil(Math.abs(t1 - t0) / h - 1e-9));
        if (steps > options.maxSteps()) {
            throw new MaxStepsExceededException(options.maxSteps(), t0, direction * h, t1);
        }
        long n = (long) steps;
        for (long i = 1; i <= n; i++) {
            double end = i == n ? t1 : t0 + direction * i * h;
            stepper.attempt(end);
            int bad = stepper.firstNonFiniteEnd();
            if (bad >= 0) {
                throw new NonFiniteStateException("state or derivative in component " + bad
                        + " at the end of the step", stepper.time(), end - stepper.time());
            }
            step.reset();
            listener.stepAccepted(step);
            stepper.accept();
        }
        return new SolverStats(stepper.evaluations(), n, 0, h);
    }

    private SolverStats adaptive(RungeKuttaStepper stepper, StepInterpolant step, double t1, StepListener listener,
                                 double firstStep) {
        ButcherTableau tableau = method.tableau();
        int dimension = stepper.dimension();
        double[] rtol = options.tolerance().expandedRtol(dimension);
        double[] atol = options.tolerance().expandedAtol(dimension);
        double t = stepper.time();
        double direction = Math.signum(t1 - t);
        double hAbs;
        if (firstStep > 0 && Double.isFinite(firstStep)) {
            hAbs = firstStep;
        } else if (options.initialStep().isPresent()) {
            hAbs = options.initialStep().getAsDouble();
        } else {
            hAbs = StepControl.initialStep(stepper.system(), t, stepper.state(), stepper.derivative(), direction,
                    tableau.order(), rtol, atol, new double[dimension], new double[dimension]);
            stepper.countEvaluation();
        }
        hAbs = Math.min(hAbs, options.maxStep());
        int errorOrder = tableau.embeddedOrder();
        long accepted = 0;
        long rejected = 0;
        boolean lastRejected = false;
        int nonFiniteComponent = -1;
        while (t != t1) {
            if (accepted + rejected >= options.maxSteps()) {
                throw new MaxStepsExceededException(options.maxSteps(), t, direction * hAbs, t1);
            }
            double minimum = Math.max(options.minStep(), 10 * Math.ulp(t));
            if (hAbs < minimum) {
                if (nonFiniteComponent >= 0) {
                    throw new NonFiniteStateException("state or derivative in component " + nonFiniteComponent
                            + " however small the step", t, direction * hAbs);
                }
                throw new StepSizeUnderflowException(t, direction * hAbs, minimum);
            }
            // Land exactly on t1, stretching the last step by up to 1% rather than leaving a sliver.
            double end = 1.01 * hAbs >= Math.abs(t1 - t) ? t1 : t + direction * hAbs;
            double hUsed = Math.abs(end - t);
            stepper.attempt(end);
            double ratio = stepper.errorRatio(rtol, atol);
            int bad = stepper.firstNonFiniteEnd();
            if (ratio <= 1 && bad < 0) {
                step.reset();
                listener.stepAccepted(step);
                stepper.accept();
                t = end;
                accepted++;
                double growth = lastRejected ? 1.0 : options.maxFactor();
                double proposal = hUsed * StepControl.stepFactor(
                        ratio, errorOrder, options.safety(), options.minFactor(), growth);
                // A last step cut short to land on t1 says little about the step size that suits the solution.
                hAbs = Math.min(options.maxStep(), end == t1 && hUsed < hAbs ? Math.max(proposal, hAbs) : proposal);
                lastRejected = false;
                nonFiniteComponent = -1;
            } else {
                rejected++;
                listener.stepRejected(t, end - t, ratio);
                boolean finite = Double.isFinite(ratio) && bad < 0;
                nonFiniteComponent = finite ? -1 : Math.max(bad, 0);
                hAbs = hUsed * StepControl.stepFactor(
                        finite ? ratio : Double.NaN, errorOrder, options.safety(), options.minFactor(), 1.0);
                lastRejected = true;
            }
        }
        return new SolverStats(stepper.evaluations(), accepted, rejected, hAbs);
    }

    private static int firstNonFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void checkOutputTimes(double t0, double[] times) {
        if (times.length == 0) {
            throw new IllegalArgumentException("give at least one output time");
        }
        double direction = Math.signum(times[times.length - 1] - t0);
        double previous = t0;
        for (int j = 0; j < times.length; j++) {
            if (!Double.isFinite(times[j])) {
                throw new IllegalArgumentException("output time " + j + " is " + times[j]);
            }
            if (direction * (times[j] - previous) < 0 || (direction == 0 && times[j] != t0)) {
                throw new IllegalArgumentException("output times must run from t0 = " + t0 + " in one direction;"
                        + " time " + j + " (" + times[j] + ") comes after " + previous);
            }
            previous = times[j];
        }
    }

    /** Fills the output states as steps pass the requested times. */
    private static final class OutputCollector implements StepListener {
        private final double[] times;
        private final double[][] states;
        private final StepListener delegate;
        private final double direction;
        private int next;

        OutputCollector(double t0, double[] y0, double[] times, StepListener delegate) {
            this.times = times;
            this.states = new double[times.length][y0.length];
            this.delegate = delegate;
            this.direction = Math.signum(times[times.length - 1] - t0);
            while (next < times.length && times[next] == t0) {
                System.arraycopy(y0, 0, states[next++], 0, y0.length);
            }
        }

        @Override
        public void stepAccepted(StepInterpolant step) {
            double end = step.endTime();
            while (next < times.length && direction * (times[next] - end) <= 0) {
                step.stateAt(times[next], states[next]);
                next++;
            }
            delegate.stepAccepted(step);
        }

        @Override
        public void stepRejected(double time, double stepSize, double errorRatio) {
            delegate.stepRejected(time, stepSize, errorRatio);
        }
    }
}
