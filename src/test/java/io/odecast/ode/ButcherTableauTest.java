package io.odecast.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ButcherTableauTest {

    /** The quadrature conditions sum_i b_i c_i^(q-1) = 1/q hold for every q up to the method's order. */
    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void weightsIntegratePolynomialsUpToTheOrder(OdeMethod method) {
        ButcherTableau t = method.tableau();
        assertQuadrature(t.b(), t.c(), t.order());
        if (t.adaptive()) {
            double[] bHat = new double[t.stages()];
            for (int i = 0; i < bHat.length; i++) {
                bHat[i] = t.b()[i] - t.errorWeights()[i];
            }
            assertQuadrature(bHat, t.c(), t.embeddedOrder());
        }
    }

    /** Order 3 and above also need sum_ij b_i a_ij c_j = 1/6; order 4 needs sum b_i a_ij a_jk c_k = 1/24. */
    @ParameterizedTest
    @EnumSource(value = OdeMethod.class, names = {"RK4", "BOSH3", "DOPRI5"})
    void treeConditionsOfOrderThreeAndFour(OdeMethod method) {
        ButcherTableau t = method.tableau();
        double[] b = t.b();
        double[] c = t.c();
        double[][] a = t.a();
        double[] ac = new double[b.length];
        double[] aac = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < i; j++) {
                ac[i] += a[i][j] * c[j];
            }
        }
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < i; j++) {
                aac[i] += a[i][j] * ac[j];
            }
        }
        assertThat(dot(b, ac)).isCloseTo(1.0 / 6, within(1e-14));
        if (t.order() >= 4) {
            assertThat(dot(b, aac)).isCloseTo(1.0 / 24, within(1e-14));
            double bcac = 0;
            for (int i = 0; i < b.length; i++) {
                bcac += b[i] * c[i] * ac[i];
            }
            assertThat(bcac).isCloseTo(1.0 / 8, within(1e-14));
        }
    }

    @Test
    void fsalIsDerivedFromTheCoefficients() {
        assertThat(Tableaux.DOPRI5.fsal()).isTrue();
        assertThat(Tableaux.BOSH3.fsal()).isTrue();
        assertThat(Tableaux.RK4.fsal()).isFalse();
        assertThat(Tableaux.EULER.fsal()).isFalse();
        assertThat(Tableaux.MIDPOINT.fsal()).isFalse();
    }

    @Test
    void inconsistentTableauxAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new ButcherTableau("bad", 1, 0, new double[] {0, 0.5}, new double[][] {{}, {0.4}},
                new double[] {0, 1}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 of a does not sum to c[1]");
        assertThatThrownBy(() -> new ButcherTableau("bad", 1, 0, new double[] {0}, new double[][] {{}},
                new double[] {0.9}, null, null))
                .hasMessageContaining("do not sum to 1");
        assertThatThrownBy(() -> new ButcherTableau("bad", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}},
                new double[] {0.5, 0.5}, new double[] {0.1, 0}, null))
                .hasMessageContaining("do not sum to 0");
        assertThatThrownBy(() -> new ButcherTableau("bad", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}},
                new double[] {0.5, 0.5}, null, null))
                .hasMessageContaining("errorWeights are required");
    }

    @Test
    void tableauDataCannotBeChangedFromOutside() {
        double[] b = Tableaux.RK4.b();
        b[0] = 42;
        Tableaux.RK4.a()[1][0] = 42;
        assertThat(Tableaux.RK4.b()[0]).isEqualTo(1.0 / 6);
        assertThat(Tableaux.RK4.a()[1][0]).isEqualTo(0.5);
    }

    private static void assertQuadrature(double[] b, double[] c, int order) {
        for (int q = 1; q <= order; q++) {
            double sum = 0;
            for (int i = 0; i < b.length; i++) {
                sum += b[i] * Math.pow(c[i], q - 1);
            }
            assertThat(sum).as("sum b c^%d", q - 1).isCloseTo(1.0 / q, within(1e-14));
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
