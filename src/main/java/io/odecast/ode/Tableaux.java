package io.odecast.ode;

/** The Butcher tableaux odecast ships. Constants only: one stepper runs every one of them. */
public final class Tableaux {

    private Tableaux() {
    }

    /** Forward Euler, order 1. */
    public static final ButcherTableau EULER = new ButcherTableau("euler", 1, 0,
            new double[] {0},
            new double[][] {{}},
            new double[] {1},
            null, null);

    /** Explicit midpoint, order 2. */
    public static final ButcherTableau MIDPOINT = new ButcherTableau("midpoint", 2, 0,
            new double[] {0, 0.5},
            new double[][] {{}, {0.5}},
            new double[] {0, 1},
            null, null);

    /** The classic fourth-order Runge–Kutta method. */
    public static final ButcherTableau RK4 = new ButcherTableau("rk4", 4, 0,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null, null);

    /** Bogacki–Shampine 3(2), FSAL. */
    public static final ButcherTableau BOSH3 = new ButcherTableau("bosh3", 3, 2,
            new double[] {0, 0.5, 0.75, 1},
            new double[][] {{}, {0.5}, {0, 0.75}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
            new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
            new double[] {2.0 / 9 - 7.0 / 24, 1.0 / 3 - 1.0 / 4, 4.0 / 9 - 1.0 / 3, -1.0 / 8},
            null);

    /**
     * Dormand–Prince 5(4), FSAL, with the fourth-order continuous extension of Hairer, Nørsett and
     * Wanner (the {@code dopri5} code's dense output).
     */
    public static final ButcherTableau DOPRI5 = new ButcherTableau("dopri5", 5, 4,
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40},
            new double[] {
                -12715105075.0 / 11282082432.0, 0, 87487479700.0 / 32700410799.0,
                -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0,
                -1453857185.0 / 822651844.0, 69997945.0 / 29380423.0});
}
