package io.odecast.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The ND4J backend computes what the JVM backend computes: float64 to 1e-9 relative, float32 to single precision. */
class Nd4jBackendTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void float64AgreesWithTheJvmBackendOnForwardAndGradients(Activation activation) {
        FieldSpec spec = new FieldSpec(2, new int[] {64, 64}, activation, new double[] {8, 11});
        assertAgreement(spec, DataType.DOUBLE, 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void float32AgreesToSinglePrecision(Activation activation) {
        FieldSpec spec = new FieldSpec(3, new int[] {32}, activation, new double[] {5});
        assertAgreement(spec, DataType.FLOAT, 1e-4);
    }

    private static void assertAgreement(FieldSpec spec, DataType type, double tolerance) {
        double[] params = spec.initialParameters(Initialisation.STANDARD, 17);
        int batch = 37;
        int d = spec.stateDim();
        double[] x = JvmBackendTest.randomVector(batch * d, 1);
        double[] times = JvmBackendTest.randomVector(batch, 2);
        double[] v = JvmBackendTest.randomVector(batch * d, 3);
        FieldBackend jvm = new JvmBackend(spec);
        FieldBackend nd4j = new Nd4jBackend(spec, type);

        double[] f1 = new double[batch * d];
        double[] f2 = new double[batch * d];
        jvm.forward(params, times, x, batch, f1);
        nd4j.forward(params, times, x, batch, f2);
        assertThat(relativeDifference(f2, f1)).as("forward").isLessThan(tolerance);

        double[] x1 = new double[batch * d];
        double[] x2 = new double[batch * d];
        double[] p1 = new double[params.length];
        double[] p2 = new double[params.length];
        jvm.vjp(params, times, x, batch, v, x1, p1);
        nd4j.vjp(params, times, x, batch, v, x2, p2);
        assertThat(relativeDifference(x2, x1)).as("state gradient").isLessThan(tolerance);
        assertThat(relativeDifference(p2, p1)).as("parameter gradient").isLessThan(tolerance);
    }

    /** max |a - b| / max |b|. */
    static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }
}
