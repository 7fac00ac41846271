package io.odecast.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OptimisationTest {

    @Test
    void adamWFirstStepIsDecayThenASignStep() {
        // After one step m̂ = g and v̂ = g², so the Adam part moves every parameter by lr · g / (|g| + eps).
        double lr = 0.01;
        double decay = 0.1;
        double[] p = {1.0, -2.0, 0.5};
        double[] g = {0.3, -4.0, 0.0};
        new AdamW(lr, decay, 3).step(new double[][] {p}, new double[][] {g});
        assertThat(p[0]).isCloseTo(1.0 * (1 - lr * decay) - lr * 0.3 / (0.3 + 1e-8), within(1e-15));
        assertThat(p[1]).isCloseTo(-2.0 * (1 - lr * decay) + lr * 4.0 / (4.0 + 1e-8), within(1e-15));
        assertThat(p[2]).isCloseTo(0.5 * (1 - lr * decay), within(1e-15));
    }

    @Test
    void adamWMinimisesAQuadratic() {
        double[] p = {3.0, -1.5};
        double[] g = new double[2];
        AdamW adam = new AdamW(0.05, 0.0, 2);
        for (int k = 0; k < 2000; k++) {
            g[0] = 2 * (p[0] - 1);
            g[1] = 8 * (p[1] + 2);
            adam.step(new double[][] {p}, new double[][] {g});
        }
        assertThat(p[0]).isCloseTo(1, within(1e-3));
        assertThat(p[1]).isCloseTo(-2, within(1e-3));
        assertThat(adam.steps()).isEqualTo(2000);
    }

    @Test
    void clippingScalesTheJointNormLikePyTorch() {
        double[][] g = {{3, 0}, {0, 4}};
        double norm = AdamW.clipGradientNorm(g, 1.0);
        assertThat(norm).isEqualTo(5.0);
        double scale = 1.0 / (5.0 + 1e-6);
        assertThat(g[0][0]).isCloseTo(3 * scale, within(1e-15));
        assertThat(g[1][1]).isCloseTo(4 * scale, within(1e-15));
        double[][] small = {{0.3, 0.4}};
        AdamW.clipGradientNorm(small, 1.0);
        assertThat(small[0]).containsExactly(0.3, 0.4);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void lossGradientsMatchFiniteDifferences(Loss loss) {
        double[] p = {0.3, -1.7, 2.2, 0.05};
        double[] o = {0.1, 0.4, -0.3, 0.0};
        double[] grad = new double[4];
        loss.evaluate(p, o, 4, grad);
        for (int i = 0; i < 4; i++) {
            double base = p[i];
            p[i] = base + 1e-6;
            double up = loss.evaluate(p, o, 4, null);
            p[i] = base - 1e-6;
            double down = loss.evaluate(p, o, 4, null);
            p[i] = base;
            assertThat(grad[i]).isCloseTo((up - down) / 2e-6, within(1e-8));
        }
    }

    @Test
    void lossValues() {
        double[] p = {1, 2, 5};
        double[] o = {1, 0, 2};
        assertThat(Loss.MSE.evaluate(p, o, 3, null)).isCloseTo((0 + 4 + 9) / 3.0, within(1e-15));
        assertThat(Loss.MAE.evaluate(p, o, 3, null)).isCloseTo((0 + 2 + 3) / 3.0, within(1e-15));
        assertThat(Loss.HUBER.evaluate(p, o, 3, null)).isCloseTo((0 + 1.5 + 2.5) / 3.0, within(1e-15));
    }

    @Test
    void normalisersRoundTripAndMatchTheSeedsStatistics() {
        double[][] rows = {{30, 4}, {47.2, 6.1}, {70.2, 9.8}};
        Normaliser n = Normaliser.fit(Normaliser.Kind.LOG1P_ZSCORE, rows);
        double m = (Math.log1p(30) + Math.log1p(47.2) + Math.log1p(70.2)) / 3;
        double var = (Math.pow(Math.log1p(30) - m, 2) + Math.pow(Math.log1p(47.2) - m, 2) + Math.pow(Math.log1p(70.2) - m, 2)) / 3;
        assertThat(n.mean()[0]).isCloseTo(m, within(1e-14));
        assertThat(n.std()[0]).isCloseTo(Math.sqrt(var) + 1e-8, within(1e-14));
        for (Normaliser.Kind kind : Normaliser.Kind.values()) {
            Normaliser k = Normaliser.fit(kind, rows);
            for (double[] row : rows) {
                double[] back = k.denormalise(k.normalise(row));
                assertThat(back[0]).isCloseTo(row[0], within(1e-12));
                assertThat(back[1]).isCloseTo(row[1], within(1e-12));
            }
        }
        assertThatThrownBy(() -> Normaliser.fit(Normaliser.Kind.LOG1P_ZSCORE, new double[][] {{-2}, {1}}))
                .hasMessageContaining("log1p needs values > -1");
    }

    @Test
    void metricsOnKnownCases() {
        double[] o = {1, 2, 3, 4};
        assertThat(Metrics.r2(new double[] {2.5, 2.5, 2.5, 2.5}, o)).isZero();
        assertThat(Metrics.r2(o, o)).isEqualTo(1.0);
        assertThat(Metrics.pearson(new double[] {2, 4, 6, 8}, o)).isCloseTo(1.0, within(1e-15));
        assertThat(Metrics.pearson(new double[] {8, 6, 4, 2}, o)).isCloseTo(-1.0, within(1e-15));
        assertThat(Metrics.rmse(new double[] {1, 2, 3, 6}, o)).isCloseTo(1.0, within(1e-15));
        assertThat(Metrics.mae(new double[] {0, 2, 3, 6}, o)).isCloseTo(0.75, within(1e-15));
    }
}
