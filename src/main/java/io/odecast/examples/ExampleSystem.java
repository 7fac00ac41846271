package io.odecast.examples;

import io.odecast.ode.OdeMethod;
import io.odecast.ode.OdeSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/** The example systems odecast ships, with the seed's settings. */
public enum ExampleSystem {
    COFFEE("coffee", "Coffee cooling", CoffeeCooling.SEED, 20.0, new double[] {CoffeeCooling.SEED.t0()}, OdeMethod.DOPRI5,
            List.of("temperature (°C)"), "time (minutes)", CoffeeCooling.SEED::exact, null),
    BALL("ball", "Ball rolling downhill", BallDownhill.SEED, 12.0, new double[] {0, 0}, OdeMethod.RK4,
            List.of("velocity (m/s)", "position (m)"), "time (s)", BallDownhill.SEED::exact, null),
    LOTKA_VOLTERRA("lotka-volterra", "Lotka–Volterra", LotkaVolterra.CLASSIC, 50.0, new double[] {10, 10}, OdeMethod.DOPRI5,
            List.of("prey x", "predators y"), "time", null, LotkaVolterra.CLASSIC_REFERENCE_AT_50);

    private final String id;
    private final String displayName;
    private final OdeSystem system;
    private final double endTime;
    private final double[] initialState;
    private final OdeMethod defaultMethod;
    private final List<String> variables;
    private final String timeLabel;
    private final DoubleFunction<double[]> exact;
    private final double[] referenceFinalState;

    ExampleSystem(String id, String displayName, OdeSystem system, double endTime, double[] initialState, OdeMethod defaultMethod,
                  List<String> variables, String timeLabel, DoubleFunction<double[]> exact, double[] referenceFinalState) {
        this.id = id;
        this.displayName = displayName;
        this.system = system;
        this.endTime = endTime;
        this.initialState = initialState;
        this.defaultMethod = defaultMethod;
        this.variables = variables;
        this.timeLabel = timeLabel;
        this.exact = exact;
        this.referenceFinalState = referenceFinalState;
    }

    public String id() {
        return id;
    }

    /** A title for people, e.g. "Lotka–Volterra". */
    public String displayName() {
        return displayName;
    }

    public OdeSystem system() {
        return system;
    }

    public double endTime() {
        return endTime;
    }

    public double[] initialState() {
        return initialState.clone();
    }

    /** The method the seed uses for this system. */
    public OdeMethod defaultMethod() {
        return defaultMethod;
    }

    public List<String> variables() {
        return variables;
    }

    public String timeLabel() {
        return timeLabel;
    }

    /** Whether a closed-form solution is known at every time (otherwise only a reference final state). */
    public boolean hasExactSolution() {
        return exact != null;
    }

    /** The closed-form solution at {@code t}. */
    public double[] exact(double t) {
        if (exact == null) {
            throw new IllegalStateException(id + " has no closed-form solution");
        }
        return exact.apply(t);
    }

    /** A high-accuracy reference for the state at {@link #endTime()} where no closed form is known. */
    public Optional<double[]> referenceFinalState() {
        return Optional.ofNullable(referenceFinalState).map(double[]::clone);
    }

    /** Looks a system up by its id, e.g. {@code lotka-volterra}. */
    public static ExampleSystem byId(String id) {
        for (ExampleSystem s : values()) {
            if (s.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown system '" + id + "'; known systems: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ExampleSystem::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
