package io.odecast.examples;

import io.odecast.ode.OdeMethod;
import java.util.Optional;

/**
 * How to run an example.
 *
 * @param method  the solver method; empty runs each system with the seed's choice
 * @param rtol    relative tolerance of adaptive methods
 * @param atol    absolute tolerance of adaptive methods
 * @param steps   number of steps over the interval for fixed-step methods
 * @param points  number of evenly spaced output times, the start included
 * @param repeats how many times to run each solve; the wall time reported is the median
 */
public record ExampleSettings(Optional<OdeMethod> method, double rtol, double atol, int steps, int points, int repeats) {

    /** The seed's settings: its methods, rtol = atol = 1e-6, 1200 fixed steps, 1000 output points, one run. */
    public static final ExampleSettings SEED = new ExampleSettings(Optional.empty(), 1e-6, 1e-6, 1200, 1000, 1);

    public ExampleSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, got " + points);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
    }
}
