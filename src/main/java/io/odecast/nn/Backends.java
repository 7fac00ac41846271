package io.odecast.nn;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/** Chooses a {@link FieldBackend}: plain JVM loops for small work, ND4J where it measurably wins. */
public final class Backends {

    /**
     * The batch from which ND4J beats the JVM backend on the seed's 6-64-64-2 field for both forward
     * and vjp (training is vjp-bound), measured with {@code FieldBackendBenchmark} on the 2-core
     * reference machine (docs/benchmarks.md): float32 is about 2x faster there; float64 ND4J did not
     * beat the JVM loops at any batch up to 4096 on that CPU.
     */
    public static final int ND4J_BREAK_EVEN_BATCH = 4096;

    private Backends() {
    }

    /** What a configuration asks for. */
    public enum Choice {
        /** JVM below the measured break-even, ND4J float32 (the variant that wins there) above it. */
        AUTO,
        JVM,
        /** ND4J in float64 (on the GPU when the build carries nd4j-cuda). */
        ND4J,
        /** ND4J in float32. */
        ND4J_FLOAT32;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Choice byName(String name) {
            return EnumIds.lookup(values(), Choice::id, name, "backend");
        }
    }

    /** A backend for evaluating {@code spec} on batches of about {@code batch} samples. */
    public static FieldBackend create(Choice choice, FieldSpec spec, int batch) {
        return switch (choice) {
            case JVM -> new JvmBackend(spec);
            case ND4J -> new Nd4jBackend(spec, DataType.DOUBLE);
            case ND4J_FLOAT32 -> new Nd4jBackend(spec, DataType.FLOAT);
            case AUTO -> prefersNd4j(spec, batch) ? new Nd4jBackend(spec, DataType.FLOAT) : new JvmBackend(spec);
        };
    }

    /**
     * Whether ND4J should win: its overhead is per operation and its advantage per multiply-add, so
     * the measured break-even batch is scaled by the field's work per sample relative to the seed's.
     */
    static boolean prefersNd4j(FieldSpec spec, int batch) {
        return (double) batch * spec.multiplyAdds() >= (double) ND4J_BREAK_EVEN_BATCH * FieldSpec.seed(2).multiplyAdds();
    }
}
