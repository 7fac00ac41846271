package io.odecast.bench;

import io.odecast.nn.FieldBackend;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Initialisation;
import io.odecast.nn.JvmBackend;
import io.odecast.nn.Nd4jBackend;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed's 6-64-64-2 tanh field, forward and vjp, on each backend across batch sizes: where ND4J
 * starts to beat plain JVM loops ({@code Backends.ND4J_BREAK_EVEN_BATCH} is set from this).
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.args="FieldBackendBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FieldBackendBenchmark {

    @Param({"jvm", "nd4j-float64", "nd4j-float32"})
    private String backend;

    @Param({"1", "16", "64", "256", "1024", "4096"})
    private int batch;

    private FieldBackend field;
    private double[] params;
    private double[] times;
    private double[] x;
    private double[] v;
    private double[] out;
    private double[] xBar;
    private double[] paramBar;

    @Setup
    public void setUp() {
        FieldSpec spec = FieldSpec.seed(2);
        field = switch (backend) {
            case "jvm" -> new JvmBackend(spec);
            case "nd4j-float64" -> new Nd4jBackend(spec, DataType.DOUBLE);
            case "nd4j-float32" -> new Nd4jBackend(spec, DataType.FLOAT);
            default -> throw new IllegalArgumentException(backend);
        };
        params = spec.initialParameters(Initialisation.STANDARD, 1);
        SplittableRandom r = new SplittableRandom(2);
        times = r.doubles(batch, 0, 20).toArray();
        x = r.doubles(2L * batch, -2, 2).toArray();
        v = r.doubles(2L * batch, -1, 1).toArray();
        out = new double[2 * batch];
        xBar = new double[2 * batch];
        paramBar = new double[params.length];
    }

    @Benchmark
    public double[] forward() {
        field.forward(params, times, x, batch, out);
        return out;
    }

    @Benchmark
    public double[] vjp() {
        field.vjp(params, times, x, batch, v, xBar, paramBar);
        return xBar;
    }
}
