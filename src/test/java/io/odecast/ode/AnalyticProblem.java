package io.odecast.ode;

import java.util.List;
import java.util.function.DoubleFunction;

/** A test problem with a known exact solution. */
record AnalyticProblem(String name, OdeSystem system, double t0, double t1, double[] y0, DoubleFunction<double[]> exact) {

    @Override
    public String toString() {
        return name;
    }

    double maxErrorAt(double t, double[] y) {
        double[] e = exact.apply(t);
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - y[i]));
        }
        return max;
    }

    /** y' = -0.7 y, y(0) = 2. */
    static AnalyticProblem exponentialDecay() {
        double k = 0.7;
        return new AnalyticProblem("exponential decay", system(1, (t, y, d) -> d[0] = -k * y[0]),
                0, 3, new double[] {2}, t -> new double[] {2 * Math.exp(-k * t)});
    }

    /** y' = A y with A = [[-0.5, 2], [-2, -0.5]]: a decaying rotation. */
    static AnalyticProblem linearSystem() {
        return new AnalyticProblem("linear system", system(2, (t, y, d) -> {
            d[0] = -0.5 * y[0] + 2 * y[1];
            d[1] = -2 * y[0] - 0.5 * y[1];
        }), 0, 4, new double[] {1, 0}, t -> new double[] {
            Math.exp(-0.5 * t) * Math.cos(2 * t), -Math.exp(-0.5 * t) * Math.sin(2 * t)});
    }

    /** x'' = -ω² x with ω = 1.5, x(0) = 1, x'(0) = 0. */
    static AnalyticProblem harmonicOscillator() {
        double w = 1.5;
        return new AnalyticProblem("harmonic oscillator", system(2, (t, y, d) -> {
            d[0] = y[1];
            d[1] = -w * w * y[0];
        }), 0, 10, new double[] {1, 0}, t -> new double[] {Math.cos(w * t), -w * Math.sin(w * t)});
    }

    /** The seed's coffee: dT/dt = -k (T - T_room), T0 = 90, T_room = 22, k = 0.35/min, t in [0, 20]. */
    static AnalyticProblem coffee() {
        double k = 0.35;
        double room = 22;
        return new AnalyticProblem("coffee cooling", system(1, (t, y, d) -> d[0] = -k * (y[0] - room)),
                0, 20, new double[] {90}, t -> new double[] {room + (90 - room) * Math.exp(-k * t)});
    }

    /** The seed's ball: v' = g sin θ - μ v, x' = v, g = 9.81, θ = 15°, μ = 0.4, t in [0, 12]. */
    static AnalyticProblem ball() {
        double a = 9.81 * Math.sin(Math.toRadians(15));
        double mu = 0.4;
        return new AnalyticProblem("ball downhill", system(2, (t, y, d) -> {
            d[0] = a - mu * y[0];
            d[1] = y[0];
        }), 0, 12, new double[] {0, 0}, t -> new double[] {
            a / mu * (1 - Math.exp(-mu * t)), a / mu * (t - (1 - Math.exp(-mu * t)) / mu)});
    }

    /** y' = y cos t, y(0) = 1: non-autonomous, y = exp(sin t). */
    static AnalyticProblem nonAutonomous() {
        return new AnalyticProblem("y' = y cos t", system(1, (t, y, d) -> d[0] = y[0] * Math.cos(t)),
                0, 6, new double[] {1}, t -> new double[] {Math.exp(Math.sin(t))});
    }

    static List<AnalyticProblem> all() {
        return List.of(exponentialDecay(), linearSystem(), harmonicOscillator(), coffee(), ball(), nonAutonomous());
    }

    interface Field {
        void apply(double t, double[] y, double[] dydt);
    }

    static OdeSystem system(int dimension, Field field) {
        return new OdeSystem() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void derivative(double t, double[] y, double[] dydt) {
                field.apply(t, y, dydt);
            }
        };
    }
}
