package io.odecast.cli;

import io.odecast.app.OdecastService;
import io.odecast.app.ServiceConfig;
import io.odecast.config.SeriesSettingsFile;
import io.odecast.metrics.MetricsSettings;
import io.odecast.stream.StreamSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast run}: the streaming service, until stopped (Ctrl-C or SIGTERM). */
@Command(name = "run",
        description = "Run the streaming forecaster: observations in, continuous-time forecasts out. "
                + "Without --bootstrap-servers it starts an embedded Kafka broker.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true)
final class RunCommand implements Callable<Integer> {

    private static final ServiceConfig D = ServiceConfig.defaults();
    private static final StreamSettings S = D.stream();
    private static final MetricsSettings M = D.metrics();

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file; default config/odecast.properties "
            + "when it exists. Precedence: built-in defaults < file < environment (ODECAST_...) < flags.")
    private Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka cluster; default: an embedded broker.")
    private String bootstrapServers;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE", description = "Any Kafka client setting (repeatable), e.g. security.protocol=SSL.")
    private Map<String, String> kafka = new HashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "A properties file of Kafka client settings.")
    private Path kafkaConfig;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id; instances with the same id share the work.")
    private String applicationId = D.applicationId();

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the state stores live.")
    private Path stateDir = D.stateDir();

    @Option(names = "--http-host", paramLabel = "HOST", description = "Host name other instances reach this one at.")
    private String httpHost = D.httpHost();

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port for forecast queries.")
    private int httpPort = D.httpPort();

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the topics odecast creates.")
    private int partitions = D.partitions();

    @Option(names = "--stream-threads", paramLabel = "N", description = "Kafka Streams threads.")
    private int streamThreads = D.streamThreads();

    @Option(names = "--training-threads", paramLabel = "N", description = "Training threads.")
    private int trainingThreads = D.trainingThreads();

    @Option(names = "--observations-topic", paramLabel = "TOPIC", description = "Observations in.")
    private String observationsTopic = S.observationsTopic();

    @Option(names = "--forecasts-topic", paramLabel = "TOPIC", description = "Forecasts out.")
    private String forecastsTopic = S.forecastsTopic();

    @Option(names = "--models-topic", paramLabel = "TOPIC", description = "Models (compacted).")
    private String modelsTopic = S.modelsTopic();

    @Option(names = "--dead-letters-topic", paramLabel = "TOPIC", description = "Rejected records with their reason.")
    private String deadLettersTopic = S.deadLettersTopic();

    @Option(names = "--horizon", paramLabel = "H", description = "Forecast horizon in the series' time unit.")
    private double horizon = S.horizon();

    @Option(names = "--forecast-points", paramLabel = "N", description = "Sampled points per forecast.")
    private int forecastPoints = S.forecastPoints();

    @Option(names = "--retrain-every", paramLabel = "N", description = "Retrain after N new observations (0: never by count).")
    private int retrainEvery = S.retrainEvery();

    @Option(names = "--retrain-interval", paramLabel = "DURATION", description = "Also retrain series with new data after this long (ISO-8601, e.g. PT10M; PT0S: never).")
    private Duration retrainInterval = S.retrainInterval();

    @Option(names = "--min-history", paramLabel = "N", description = "Observations a series needs before its first model.")
    private int minHistory = S.minHistory();

    @Option(names = "--training-budget", paramLabel = "DURATION", description = "Wall-clock budget of one training (ISO-8601).")
    private Duration trainingBudget = S.trainingBudget();

    @Option(names = "--series-config", paramLabel = "FILE", description = "Per-series settings (JSON): variables, transform, "
            + "retrainEvery, minHistory, periods, seasonalPeriod by series id or id prefix ending in *; see docs/streaming.md.")
    private Path seriesConfig;

    @Option(names = "--periods", paramLabel = "P,...", split = ",", description = "Fourier time-feature periods of the "
            + "models' vector field, in the series' time unit (e.g. 24 for a daily cycle in hours); empty: none. Per "
            + "series: the series config's periods.")
    private double[] periods = S.training().periods();

    @Option(names = "--evaluations-topic", paramLabel = "TOPIC", description = "Also write every scored forecast here "
            + "(the model's and the baselines'); empty: metrics only.")
    private String evaluationsTopic = S.evaluationsTopic();

    @Option(names = "--score-buckets", paramLabel = "K", description = "Lead-time buckets over the horizon for scores and intervals.")
    private int scoreBuckets = S.scoring().buckets();

    @Option(names = "--interval-level", paramLabel = "L", description = "Prediction-interval level (conformal).")
    private double intervalLevel = S.scoring().intervalLevel();

    @Option(names = "--seasonal-period", paramLabel = "P", description = "Period of the seasonal-naive baseline in the "
            + "series' time unit (0: that baseline off).")
    private double seasonalPeriod = S.scoring().seasonalPeriod();

    @Option(names = "--metrics-series-tags", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Also export per-series meters (tag series), for at most --metrics-series-limit series.")
    private boolean metricsSeriesTags = M.seriesTags();

    @Option(names = "--metrics-series-limit", paramLabel = "N", description = "Series with their own tag; "
            + "later ones count under series=\"_other\".")
    private int metricsSeriesLimit = M.seriesLimit();

    @Option(names = "--active-series-window", paramLabel = "DURATION", description = "A series is active (odecast_series_active) "
            + "while its last observation is this recent (ISO-8601).")
    private Duration activeSeriesWindow = M.activeWindow();

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = new HashMap<>();
        if (spec.defaultValueProvider() instanceof ConfigDefaults defaults) {
            settings.putAll(defaults.config().kafka());
        }
        if (kafkaConfig != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(kafkaConfig)) {
                p.load(r);
            } catch (IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot read " + kafkaConfig + ": " + e.getMessage());
            }
            p.forEach((k, v) -> settings.put(k.toString(), v.toString()));
        }
        settings.putAll(kafka);
        ServiceConfig config;
        try {
            StreamSettings stream = S.withTopics(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic)
                    .withForecast(horizon, forecastPoints)
                    .withRetraining(retrainEvery, retrainInterval, minHistory, trainingBudget)
                    .withScoring(S.scoring().withBuckets(scoreBuckets).withIntervalLevel(intervalLevel)
                            .withSeasonalPeriod(seasonalPeriod))
                    .withEvaluationsTopic(evaluationsTopic);
            stream = stream.withTraining(stream.training().withPeriods(periods), stream.transform());
            if (seriesConfig != null) {
                stream = stream.withSeries(SeriesSettingsFile.read(seriesConfig, stream));
            }
            config = new ServiceConfig(java.util.Optional.ofNullable(bootstrapServers), applicationId, stateDir, httpHost,
                    httpPort, partitions, streamThreads, trainingThreads, settings, stream,
                    new MetricsSettings(metricsSeriesTags, metricsSeriesLimit, activeSeriesWindow));
        } catch (IllegalArgumentException | IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        OdecastService service = OdecastService.start(config);
        spec.commandLine().getOut().printf("odecast running: Kafka %s, HTTP port %d. Ctrl-C stops.%n",
                service.bootstrapServers(), service.httpPort());
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "odecast-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
