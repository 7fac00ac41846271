package io.odecast.bench;

import io.odecast.train.HareLynx;
import io.odecast.train.Trainer;
import io.odecast.train.TrainingConfig;
import io.odecast.train.TrainingResult;
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
 * The seed's predator–prey training (trajectory mode, every hyper-parameter the seed's, seed 1337,
 * JVM backend): 100 epochs with early stopping out of reach, so each sample is exactly 100 epochs
 * (one training step and one evaluation each). Divide by 100 for the time per epoch; torchdiffeq
 * takes a median of 38 ms per epoch on this machine kind.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Djmh.args="TrainingBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingBenchmark {

    private final TrainingConfig hundredEpochs = TrainingConfig.SEED.withEpochs(100).withPatience(1000);

    @Benchmark
    public TrainingResult seedTrajectoryHundredEpochs() {
        return Trainer.train(HareLynx.dataset(), hundredEpochs);
    }

    @Benchmark
    public TrainingResult seedTrajectoryToEarlyStop() {
        return Trainer.train(HareLynx.dataset(), TrainingConfig.SEED);
    }
}
