package io.odecast.app;

import io.odecast.forecast.Method;
import io.odecast.forecast.Score;
import io.odecast.forecast.ScoreBoard;
import io.odecast.stream.OdecastTopology;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.RetrainListener;
import io.odecast.stream.StreamListener;
import io.odecast.stream.StreamSettings;
import io.odecast.train.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * {@code odecast backtest}: replays a data set through the production topology in event-time order,
 * record by record (Kafka Streams' {@code TopologyTestDriver}: the same processor, stores, scoring and
 * intervals, without a broker), with the production training service; each new model is read back
 * from the models topic before the next observation, as a live stream would have it moments later.
 * The scores — the model's and the baselines', by lead bucket — are what the live metrics count.
 */
public final class Backtest {

    /** One scored forecast: what the forecast-vs-actual plots draw. */
    public record Point(Method method, int bucket, double time, double[] actual, double[] forecast) {
    }

    /** What the replay scored. */
    public record Result(Dataset data, StreamSettings settings, ScoreBoard board, long modelsPublished,
                         long modelsRejected, long driftAlarms, List<Point> points) {
    }

    private Backtest() {
    }

    public static Result run(Dataset data, StreamSettings settings) {
        ScoreBoard board = new ScoreBoard(settings.scoring().buckets());
        List<Point> points = new ArrayList<>();
        List<PublishedModel> published = new CopyOnWriteArrayList<>();
        long[] outcomes = new long[RetrainListener.Outcome.values().length];
        long[] drift = {0};
        int[] current = {0};
        StreamListener listener = new StreamListener() {
            @Override
            public void scored(String series, Score s) {
                board.add(s);
                double[] actual = data.values()[current[0]];
                double[] forecast = new double[actual.length];
                for (int v = 0; v < actual.length; v++) {
                    forecast[v] = actual[v] - s.errors()[v];
                }
                points.add(new Point(s.method(), s.bucket(), data.times()[current[0]], actual, forecast));
            }

            @Override
            public void driftDetected(String series) {
                drift[0]++;
            }
        };
        RetrainListener counts = new RetrainListener() {
            @Override
            public synchronized void trainingEnded(String series, Outcome outcome, long nanos, int epochs, double loss) {
                outcomes[outcome.ordinal()]++;
            }
        };
        Path state;
        try {
            state = Files.createTempDirectory("odecast-backtest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "odecast-backtest");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "backtest:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        int[] order = IntStream.range(0, data.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> data.times()[i])).mapToInt(Integer::intValue).toArray();
        try (RetrainingService training = new RetrainingService(settings, 1, 4, published::add, counts);
             TopologyTestDriver driver = new TopologyTestDriver(OdecastTopology.build(settings, training, listener), props)) {
            TestInputTopic<String, byte[]> observations = driver.createInputTopic(settings.observationsTopic(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> models = driver.createInputTopic(settings.modelsTopic(), new StringSerializer(),
                    new ByteArraySerializer());
            for (int i : order) {
                current[0] = i;
                observations.pipeInput(data.name(), json(data, i));
                training.awaitIdle();
                for (PublishedModel m : published) {
                    models.pipeInput(m.series(), m.toBytes());
                }
                published.clear();
            }
        } finally {
            Demo.deleteQuietly(state);
        }
        synchronized (counts) {
            return new Result(data, settings, board, outcomes[RetrainListener.Outcome.PUBLISHED.ordinal()],
                    outcomes[RetrainListener.Outcome.REJECTED.ordinal()], drift[0], points);
        }
    }

    /** Built-in data sets: {@code hare-lynx} (the seed's) and {@code lotka-volterra} (the demo's first synthetic sensor, 120 points). */
    public static Dataset dataset(String name) {
        switch (name) {
            case "hare-lynx":
                return io.odecast.train.HareLynx.dataset();
            case "lotka-volterra": {
                List<DemoData.Event> events = DemoData.events(1, 120, 42).stream()
                        .filter(e -> e.series().equals("sensor-1")).toList();
                return new Dataset("lotka-volterra", events.get(0).variables(),
                        events.stream().mapToDouble(DemoData.Event::time).toArray(),
                        events.stream().map(DemoData.Event::values).toArray(double[][]::new));
            }
            default:
                throw new IllegalArgumentException("unknown data set '" + name + "'; known: hare-lynx, lotka-volterra");
        }
    }

    /**
     * The streaming settings of a backtest: the demo's model and training (with Fourier time features of
     * {@code periods}, if any), a horizon of {@code buckets} median spacings unless given (so bucket 1 is
     * about one step ahead), and the scoring asked for.
     */
    public static StreamSettings settings(Dataset data, Double horizon, int buckets, double season, double level,
                                          int minHistory, int retrainEvery, double... periods) {
        double[] gaps = new double[data.size() - 1];
        double[] t = data.times().clone();
        java.util.Arrays.sort(t);
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        java.util.Arrays.sort(gaps);
        double h = horizon != null ? horizon : buckets * gaps[gaps.length / 2];
        StreamSettings demo = Demo.settings();
        if (periods.length > 0) {
            // Fourier time features of the model's field: f(x, t) sees the phase of each period
            demo = demo.withTraining(demo.training().withPeriods(periods), demo.transform());
        }
        return demo.withForecast(h, 2 * buckets + 1)
                .withRetraining(retrainEvery, java.time.Duration.ZERO, minHistory, java.time.Duration.ofSeconds(60))
                .withScoring(io.odecast.forecast.ScoringSettings.defaults().withBuckets(buckets).withSeasonalPeriod(season)
                        .withIntervalLevel(level));
    }

    /**
     * Writes the forecast-vs-actual plots (per bucket and variable: observed, the model's and the naive
     * forecasts) and the seed's plots of a model trained on the whole data set (learning curves,
     * observed vs predicted, phase portrait; {@code model/}).
     */
    public static List<Path> plot(Result r, Path folder) {
        Dataset data = r.data();
        int buckets = r.board().buckets();
        double[] maxLead = new double[buckets];
        List<List<io.odecast.report.BacktestPlots.Forecasts>> perBucket = new ArrayList<>();
        for (int b = 1; b <= buckets; b++) {
            maxLead[b - 1] = r.settings().horizon() * b / buckets;
            List<io.odecast.report.BacktestPlots.Forecasts> methods = new ArrayList<>();
            for (Method m : List.of(Method.MODEL, Method.NAIVE)) {
                int bucket = b;
                List<Point> ps = r.points().stream().filter(p -> p.method() == m && p.bucket() == bucket).toList();
                methods.add(new io.odecast.report.BacktestPlots.Forecasts(m.id(),
                        ps.stream().mapToDouble(Point::time).toArray(), ps.stream().map(Point::forecast).toArray(double[][]::new)));
            }
            perBucket.add(methods);
        }
        Path dir = folder.resolve(data.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        List<Path> files = new ArrayList<>(io.odecast.report.BacktestPlots.write(data.name(), data.variables(),
                data.times(), data.values(), maxLead, perBucket, dir));
        io.odecast.train.TrainingConfig config = r.settings().training()
                .withNormaliser(r.settings().transform(), false);
        var result = io.odecast.train.Trainer.train(data, config, io.odecast.train.TrainingListener.NONE, () -> false);
        files.addAll(io.odecast.report.TrainingReport.write(result, data, dir.resolve("model")));
        return files;
    }

    private static byte[] json(Dataset data, int i) {
        return new DemoData.Event(data.name(), data.times()[i], data.values()[i], data.variables()).json()
                .getBytes(StandardCharsets.UTF_8);
    }
}
