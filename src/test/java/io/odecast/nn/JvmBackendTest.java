package io.odecast.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JvmBackendTest {

    static double[] randomVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void forwardMatchesAHandComputedNetwork() {
        // 1 state + 1 period -> 2 tanh -> 1: weights written out by hand.
        FieldSpec spec = new FieldSpec(1, new int[] {2}, Activation.TANH, new double[] {4});
        double[] p = {
            0.5, -0.2, 0.3, /* row 0: x, sin, cos */ 0.1, 0.4, -0.6, /* row 1 */ 0.05, -0.1, /* biases */
            1.5, -2.0, /* output weights */ 0.25 /* output bias */};
        assertThat(p).hasSize(spec.parameterCount());
        double x = 0.8;
        double t = 1.3;
        double s = Math.sin(2 * Math.PI * t / 4);
        double c = Math.cos(2 * Math.PI * t / 4);
        double h0 = Math.tanh(0.5 * x - 0.2 * s + 0.3 * c + 0.05);
        double h1 = Math.tanh(0.1 * x + 0.4 * s - 0.6 * c - 0.1);
        double expected = 1.5 * h0 - 2.0 * h1 + 0.25;
        double[] out = new double[1];
        new JvmBackend(spec).forward(p, new double[] {t}, new double[] {x}, 1, out);
        assertThat(out[0]).isCloseTo(expected, within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void vjpMatchesFiniteDifferences(Activation activation) {
        FieldSpec spec = new FieldSpec(2, new int[] {7, 5}, activation, new double[] {8, 11});
        JvmBackend backend = new JvmBackend(spec);
        double[] params = spec.initialParameters(Initialisation.STANDARD, 3);
        int batch = 3;
        double[] x = randomVector(batch * 2, 4);
        double[] times = {0.3, 2.5, 7.9};
        double[] v = randomVector(batch * 2, 5);
        double[] xBar = new double[batch * 2];
        double[] pBar = new double[params.length];
        backend.vjp(params, times, x, batch, v, xBar, pBar);

        double eps = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double base = x[i];
            x[i] = base + eps;
            double up = dot(v, eval(backend, params, times, x, batch));
            x[i] = base - eps;
            double down = dot(v, eval(backend, params, times, x, batch));
            x[i] = base;
            assertThat(xBar[i]).as("x[%d]", i).isCloseTo((up - down) / (2 * eps), within(1e-7));
        }
        for (int i = 0; i < params.length; i++) {
            double base = params[i];
            params[i] = base + eps;
            double up = dot(v, eval(backend, params, times, x, batch));
            params[i] = base - eps;
            double down = dot(v, eval(backend, params, times, x, batch));
            params[i] = base;
            assertThat(pBar[i]).as("param %d", i).isCloseTo((up - down) / (2 * eps), within(1e-7));
        }
    }

    @Test
    void seedInitialisationIsGentleAndDeterministic() {
        FieldSpec spec = FieldSpec.seed(2);
        assertThat(spec.parameterCount()).isEqualTo(6 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
        double[] seed = spec.initialParameters(Initialisation.SEED, 1337);
        double[] standard = spec.initialParameters(Initialisation.STANDARD, 1337);
        assertThat(seed).containsExactly(spec.initialParameters(Initialisation.SEED, 1337));
        for (int l = 0; l < spec.layers(); l++) {
            double bound = 1 / Math.sqrt(spec.layerIn(l));
            for (int i = spec.weightOffset(l); i < spec.biasOffset(l); i++) {
                assertThat(Math.abs(seed[i])).isLessThanOrEqualTo(0.1 * bound);
                assertThat(seed[i]).isCloseTo(0.1 * standard[i], within(1e-15));
            }
            for (int i = spec.biasOffset(l); i < spec.biasOffset(l) + spec.layerOut(l); i++) {
                assertThat(seed[i]).isZero();
            }
        }
    }

    @Test
    void fastTanhAgreesWithTheLibraryToAFewUlps() {
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < 200_000; k++) {
            double z = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-12, 3));
            double exact = Math.tanh(z);
            assertThat(Activation.tanh(z)).as("tanh(%s)", z).isCloseTo(exact, within(4 * Math.ulp(exact)));
        }
        assertThat(Activation.tanh(0.0)).isZero();
        assertThat(Activation.tanh(50)).isEqualTo(1.0);
        assertThat(Activation.tanh(-50)).isEqualTo(-1.0);
    }

    static double[] eval(FieldBackend backend, double[] params, double[] times, double[] x, int batch) {
        double[] out = new double[x.length];
        backend.forward(params, times, x, batch, out);
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
