package io.odecast.ode;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How a solve is run. Immutable: start from {@link #defaults()} and change what you need with the
 * {@code with...} methods.
 *
 * @param tolerance   error tolerances of adaptive methods
 * @param fixedStep   step size for a fixed grid; required by fixed-step methods, and makes an adaptive
 *                    method step on the same grid without error control
 * @param initialStep first step of an adaptive solve; empty selects it automatically (Hairer's algorithm)
 * @param safety      factor applied to the optimal step size, in (0, 1]
 * @param minFactor   the most a step size may shrink after one attempt, in (0, 1)
 * @param maxFactor   the most a step size may grow after one accepted step, &gt; 1
 * @param maxStep     largest allowed |h|
 * @param minStep     smallest allowed |h| of an adaptive solve before it fails with
 *                    {@link StepSizeUnderflowException}; 0 leaves only the limit of {@code double} time
 * @param maxSteps    most step attempts (accepted plus rejected) in one solve
 */
public record SolverOptions(
        Tolerance tolerance,
        OptionalDouble fixedStep,
        OptionalDouble initialStep,
        double safety,
        double minFactor,
        double maxFactor,
        double maxStep,
        double minStep,
        int maxSteps) {

    private static final SolverOptions DEFAULTS = new SolverOptions(
            Tolerance.of(1e-7, 1e-9), OptionalDouble.empty(), OptionalDouble.empty(),
            0.9, 0.2, 10.0, Double.POSITIVE_INFINITY, 0.0, 100_000);

    public SolverOptions {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(fixedStep, "fixedStep");
        Objects.requireNonNull(initialStep, "initialStep");
        fixedStep.ifPresent(h -> requirePositiveFinite("fixedStep", h));
        initialStep.ifPresent(h -> requirePositiveFinite("initialStep", h));
        if (!(safety > 0 && safety <= 1)) {
            throw new IllegalArgumentException("safety must be in (0, 1], got " + safety);
        }
        if (!(minFactor > 0 && minFactor < 1)) {
            throw new IllegalArgumentException("minFactor must be in (0, 1), got " + minFactor);
        }
        if (!(maxFactor > 1) || Double.isInfinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor must be finite and > 1, got " + maxFactor);
        }
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("maxStep must be > 0, got " + maxStep);
        }
        if (!(minStep >= 0) || minStep >= maxStep) {
            throw new IllegalArgumentException("minStep must be >= 0 and below maxStep, got " + minStep);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
    }

    /** rtol 1e-7, atol 1e-9, automatic first step, safety 0.9, step factors in [0.2, 10], 100 000 steps. */
    public static SolverOptions defaults() {
        return DEFAULTS;
    }

    public SolverOptions withTolerance(double rtol, double atol) {
        return withTolerance(Tolerance.of(rtol, atol));
    }

    public SolverOptions withTolerance(Tolerance tolerance) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withFixedStep(double h) {
        return new SolverOptions(tolerance, OptionalDouble.of(h), initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withInitialStep(double h) {
        return new SolverOptions(tolerance, fixedStep, OptionalDouble.of(h), safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withSafety(double safety) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withStepFactors(double minFactor, double maxFactor) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withMaxStep(double maxStep) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withMinStep(double minStep) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    public SolverOptions withMaxSteps(int maxSteps) {
        return new SolverOptions(tolerance, fixedStep, initialStep, safety, minFactor, maxFactor, maxStep, minStep, maxSteps);
    }

    private static void requirePositiveFinite(String name, double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + h);
        }
    }
}
