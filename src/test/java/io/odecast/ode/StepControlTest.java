package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepControlTest {

    @Test
    void errorRatioIsTheRmsOfTheErrorOverTheMixedScale() {
        // err = h * (w0 k0 + w1 k1) = 0.5 * (1 * [2, 4] + -1 * [0, 2]) = [1, 1]
        double[][] k = {{2, 4}, {0, 2}};
        double[] y0 = {10, -1};
        double[] y1 = {-20, 0.5};
        double[] rtol = {0.1, 0.1};
        double[] atol = {0, 1};
        // scales: 0 + 0.1 * 20 = 2 and 1 + 0.1 * 1 = 1.1
        double expected = Math.sqrt((Math.pow(1 / 2.0, 2) + Math.pow(1 / 1.1, 2)) / 2);
        assertThat(StepControl.errorRatio(0.5, new double[] {1, -1}, k, y0, y1, rtol, atol))
                .isCloseTo(expected, within(1e-15));
    }

    @Test
    void errorRatioOfANonFiniteStageIsNonFinite() {
        double[][] k = {{Double.NaN}, {0}};
        double ratio = StepControl.errorRatio(1, new double[] {1, -1}, k, new double[] {1}, new double[] {1},
                new double[] {1e-3}, new double[] {1e-3});
        assertThat(Double.isFinite(ratio)).isFalse();
    }

    @Test
    void stepFactorFollowsTheErrorOrderAndItsClamps() {
        // An error ratio of 32 with a 4th-order estimate asks for 0.9 * 32^(-1/5) = 0.45.
        assertThat(StepControl.stepFactor(32, 4, 0.9, 0.2, 10)).isCloseTo(0.45, within(1e-15));
        assertThat(StepControl.stepFactor(1e-12, 4, 0.9, 0.2, 10)).isEqualTo(10);
        assertThat(StepControl.stepFactor(1e12, 4, 0.9, 0.2, 10)).isEqualTo(0.2);
        assertThat(StepControl.stepFactor(0, 4, 0.9, 0.2, 5)).isEqualTo(5);
        assertThat(StepControl.stepFactor(Double.NaN, 4, 0.9, 0.2, 10)).isEqualTo(0.2);
        assertThat(StepControl.stepFactor(Double.POSITIVE_INFINITY, 2, 0.9, 0.3, 10)).isEqualTo(0.3);
        // A 2nd-order estimate uses the exponent 1/3.
        assertThat(StepControl.stepFactor(8, 2, 1.0, 0.1, 10)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void initialStepFollowsHairersFormula() {
        // y' = -y, y0 = 1, rtol = 1e-6, atol = 0: d0 = d1 = 1e6, h0 = 0.01, f(h0) = -(1 - 0.01),
        // d2 = |0.01| / 1e-6 / 0.01 = 1e6, h1 = (0.01 / 1e6)^(1/6).
        OdeSystem decay = AnalyticProblem.system(1, (t, y, d) -> d[0] = -y[0]);
        double h = StepControl.initialStep(decay, 0, new double[] {1}, new double[] {-1}, 1, 5,
                new double[] {1e-6}, new double[] {0}, new double[1], new double[1]);
        assertThat(h).isCloseTo(Math.min(100 * 0.01, Math.pow(1e-8, 1.0 / 6)), within(1e-12));
    }

    @Test
    void initialStepForAStateAtRestIsSmallButPositive() {
        OdeSystem still = AnalyticProblem.system(1, (t, y, d) -> d[0] = 0);
        double h = StepControl.initialStep(still, 0, new double[] {0}, new double[] {0}, -1, 5,
                new double[] {1e-6}, new double[] {1e-9}, new double[1], new double[1]);
        assertThat(h).isEqualTo(1e-6);
    }
}
