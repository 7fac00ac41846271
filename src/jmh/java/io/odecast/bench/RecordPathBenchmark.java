package io.odecast.bench;

import io.odecast.forecast.Forecast;
import io.odecast.forecast.Forecaster;
import io.odecast.forecast.Intervals;
import io.odecast.forecast.Observation;
import io.odecast.forecast.ObservationParser;
import io.odecast.forecast.ParseResult;
import io.odecast.stream.OdecastTopologyTestModels;
import io.odecast.train.NeuralOdeModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work odecast adds to each observation record, stage by stage, on the {@link StreamingBenchmark}'s
 * model and settings (2 variables, a 2-unit horizon sampled in 5 points, intervals on): parse the
 * observation's JSON, solve the model over the horizon into a forecast, write the forecast's JSON
 * (about 1.8 KB). Measured on one thread with nothing else running; the streaming benchmark's
 * stream thread pays more for the same work while the broker shares its two cores.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.args="RecordPathBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordPathBenchmark {

    private final NeuralOdeModel model = OdecastTopologyTestModels.model();
    private final ObservationParser parser = new ObservationParser(64 * 1024);
    private final Forecaster forecaster = new Forecaster(2.0, 5);
    private final Optional<List<String>> variables = Optional.of(List.of("a", "b"));
    private final byte[] json = "{\"t\": 1234, \"values\": {\"a\": 1.5853, \"b\": 2.4193}}".getBytes(StandardCharsets.UTF_8);
    private final Intervals intervals = new Intervals(0.8, 0.4,
            new double[][] {{0.1, 0.2}, {0.1, 0.2}, {0.12, 0.21}, {0.15, 0.25}, {0.2, 0.3}});
    private final Observation latest = new Observation("s3", 1234, List.of("a", "b"), new double[] {1.5853, 2.4193});
    private final Forecast forecast = forecaster.forecast(model, 1, latest, intervals);

    @Benchmark
    public ParseResult parse() {
        return parser.parse("s3", json, variables);
    }

    @Benchmark
    public Forecast solve() {
        return forecaster.forecast(model, 1, latest, intervals);
    }

    @Benchmark
    public byte[] writeJson() {
        return forecast.toBytes();
    }
}
