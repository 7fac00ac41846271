package io.odecast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.odecast.forecast.RejectReason;
import io.odecast.forecast.Score;
import io.odecast.ode.SolverStats;
import io.odecast.stream.RetrainListener;
import io.odecast.stream.StreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * odecast's meters, named by Micrometer's conventions (Prometheus adds {@code _total}, {@code _seconds}):
 * <ul>
 *   <li>stream: {@code odecast.observations} by outcome, {@code odecast.dead.letters} by reason,
 *       {@code odecast.forecasts}, {@code odecast.forecast.failures}, {@code odecast.forecast.latency}
 *       (timer with a histogram), the forecast solver's cost ({@code odecast.forecast.solver.evaluations}
 *       per forecast, {@code odecast.forecast.solver.steps} and {@code .rejected.steps}),
 *       {@code odecast.series.active};</li>
 *   <li>models: {@code odecast.models.loaded}, {@code odecast.models.in.use}, the age of the oldest and
 *       newest model in use ({@code odecast.model.age.max}, {@code .min});</li>
 *   <li>training: {@code odecast.training.runs} by outcome, {@code odecast.training.duration},
 *       {@code odecast.training.epochs}, {@code odecast.training.validation.loss} (best validation loss
 *       of each published model);</li>
 *   <li>Kafka Streams client metrics, JVM and process metrics.</li>
 * </ul>
 * Per-series meters ({@code odecast.series.observations}, {@code .forecasts}, {@code .model.version},
 * {@code .model.age}, {@code .validation.loss}, tag {@code series}) exist only when
 * {@link MetricsSettings#seriesTags()} is on, for at most {@link MetricsSettings#seriesLimit()} series:
 * the rest count under {@code series="_other"}, so cardinality stays bounded.
 */
public final class OdecastMetrics implements StreamListener, RetrainListener, AutoCloseable {

    private final MetricsSettings settings;
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final Counter accepted;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> deadLetters = new EnumMap<>(RejectReason.class);
    private final Counter forecasts;
    private final Counter forecastFailures;
    private final Timer forecastLatency;
    private final DistributionSummary solverEvaluations;
    private final Counter solverSteps;
    private final Counter solverRejected;
    private final Counter modelsLoaded;
    private final Map<RetrainListener.Outcome, Counter> trainingRuns = new EnumMap<>(RetrainListener.Outcome.class);
    private final Timer trainingDuration;
    private final DistributionSummary trainingEpochs;
    private final DistributionSummary validationLoss;
    /** Every series seen by this instance: observations on its partitions, or a model in the global store. */
    private final Map<String, SeriesState> series = new ConcurrentHashMap<>();
    private final AtomicInteger tagged = new AtomicInteger();
    private Counter otherObservations;
    private Counter otherForecasts;
    private KafkaStreamsMetrics kafkaStreamsMetrics;
    /** Scoring meters per method and lead bucket, made on first use (methods × buckets: bounded). */
    private final Map<String, ScoreMeters> scoreMeters = new ConcurrentHashMap<>();
    private final Counter driftAlarms;

    public OdecastMetrics() {
        this(MetricsSettings.defaults(), Clock.systemUTC());
    }

    public OdecastMetrics(MetricsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.accepted = Counter.builder("odecast.observations").tag("outcome", "accepted")
                .description("Observation records read, by outcome").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("odecast.observations").tag("outcome", "rejected")
                    .tag("reason", reason.id()).description("Observation records read, by outcome").register(registry));
            deadLetters.put(reason, Counter.builder("odecast.dead.letters").tag("reason", reason.id())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
        this.forecasts = Counter.builder("odecast.forecasts").description("Forecast records emitted").register(registry);
        this.forecastFailures = Counter.builder("odecast.forecast.failures")
                .description("Accepted observations whose forecast failed (the observation is kept)").register(registry);
        this.forecastLatency = Timer.builder("odecast.forecast.latency")
                .description("Time from reading an observation to emitting its forecast")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        this.solverEvaluations = DistributionSummary.builder("odecast.forecast.solver.evaluations")
                .description("Vector-field evaluations (NFE) of one forecast's solve").register(registry);
        this.solverSteps = Counter.builder("odecast.forecast.solver.steps")
                .description("Accepted steps of the forecast solver").register(registry);
        this.solverRejected = Counter.builder("odecast.forecast.solver.rejected.steps")
                .description("Rejected step attempts of the forecast solver").register(registry);
        this.modelsLoaded = Counter.builder("odecast.models.loaded").description("Models read from the models topic")
                .register(registry);
        Gauge.builder("odecast.models.in.use", this, m -> m.count(s -> s.modelVersion >= 0))
                .description("Series with a model").register(registry);
        TimeGauge.builder("odecast.model.age.max", this, TimeUnit.MILLISECONDS, m -> m.modelAge(true))
                .description("Age of the oldest model in use (since it was published)").register(registry);
        TimeGauge.builder("odecast.model.age.min", this, TimeUnit.MILLISECONDS, m -> m.modelAge(false))
                .description("Age of the newest model in use (since it was published)").register(registry);
        Gauge.builder("odecast.series.active", this, m -> m.count(SeriesState::active))
                .description("Series with an accepted observation within the active window ("
                        + settings.activeWindow() + ")").register(registry);
        for (RetrainListener.Outcome outcome : RetrainListener.Outcome.values()) {
            trainingRuns.put(outcome, Counter.builder("odecast.training.runs")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Training runs, by outcome").register(registry));
        }
        this.trainingDuration = Timer.builder("odecast.training.duration").description("Wall time of a training run")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.trainingEpochs = DistributionSummary.builder("odecast.training.epochs")
                .description("Epochs of a finished training run").register(registry);
        this.validationLoss = DistributionSummary.builder("odecast.training.validation.loss")
                .description("Best validation loss (MSE, normalised units) of each published model").register(registry);
        this.driftAlarms = Counter.builder("odecast.drift.alarms")
                .description("Page-Hinkley alarms on a model's one-step error (each asks for retraining)").register(registry);
        if (settings.seriesTags()) {
            otherObservations = seriesCounter("odecast.series.observations", MetricsSettings.OTHER_SERIES);
            otherForecasts = seriesCounter("odecast.series.forecasts", MetricsSettings.OTHER_SERIES);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Adds Kafka Streams' own client metrics. */
    public void bind(KafkaStreams streams) {
        kafkaStreamsMetrics = new KafkaStreamsMetrics(streams);
        kafkaStreamsMetrics.bindTo(registry);
    }

    /** The Prometheus text format of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Accepted observations so far. */
    public long observations() {
        return (long) accepted.count();
    }

    /** Records sent to the dead-letter topic so far, all reasons. */
    public long deadLetters() {
        return (long) deadLetters.values().stream().mapToDouble(Counter::count).sum();
    }

    public long forecasts() {
        return (long) forecasts.count();
    }

    public long forecastFailures() {
        return (long) forecastFailures.count();
    }

    /** Training runs that ended with {@code outcome} so far. */
    public long trainingRuns(RetrainListener.Outcome outcome) {
        return (long) trainingRuns.get(outcome).count();
    }

    public long modelsLoaded() {
        return (long) modelsLoaded.count();
    }

    /** MASE of {@code method} in lead bucket {@code bucket} over everything scored so far; NaN before any score. */
    public double mase(io.odecast.forecast.Method method, int bucket) {
        ScoreMeters m = scoreMeters.get(method.id() + "/" + bucket);
        return m == null || m.scaledCount.count() == 0 ? Double.NaN : m.scaled.count() / m.scaledCount.count();
    }

    @Override
    public void observationAccepted(String id) {
        accepted.increment();
        SeriesState s = state(id);
        s.lastSeenMillis = clock.millis();
        if (s.observations != null) {
            s.observations.increment();
        }
    }

    @Override
    public void deadLettered(RejectReason reason) {
        rejected.get(reason).increment();
        deadLetters.get(reason).increment();
    }

    @Override
    public void forecastEmitted(String id, long modelVersion, long latencyNanos, SolverStats solver) {
        forecasts.increment();
        forecastLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
        solverEvaluations.record(solver.evaluations());
        solverSteps.increment(solver.accepted());
        solverRejected.increment(solver.rejected());
        SeriesState s = state(id);
        if (s.forecasts != null) {
            s.forecasts.increment();
        }
    }

    @Override
    public void scored(String id, Score score) {
        scoreMeters.computeIfAbsent(score.method().id() + "/" + score.bucket(),
                k -> new ScoreMeters(score.method().id(), Integer.toString(score.bucket()))).record(score);
    }

    @Override
    public void driftDetected(String id) {
        driftAlarms.increment();
    }

    @Override
    public void forecastFailed(String id, Exception cause) {
        forecastFailures.increment();
    }

    @Override
    public void modelLoaded(String id, long version, long publishedMillis) {
        modelsLoaded.increment();
        SeriesState s = state(id);
        s.publishedMillis = publishedMillis;
        s.modelVersion = version;
    }

    @Override
    public void trainingEnded(String id, RetrainListener.Outcome outcome, long durationNanos, int epochs,
                              double loss) {
        trainingRuns.get(outcome).increment();
        if (outcome != RetrainListener.Outcome.DROPPED) {
            trainingDuration.record(durationNanos, TimeUnit.NANOSECONDS);
            trainingEpochs.record(epochs);
        }
        if (outcome == RetrainListener.Outcome.PUBLISHED && Double.isFinite(loss)) {
            validationLoss.record(loss);
            state(id).validationLoss = loss;
        }
    }

    private SeriesState state(String id) {
        SeriesState s = series.get(id);
        return s != null ? s : series.computeIfAbsent(id, this::newState);
    }

    /** Runs once per series, inside the map's lock for that key: the tag budget is taken here. */
    private SeriesState newState(String id) {
        SeriesState s = new SeriesState();
        if (!settings.seriesTags()) {
            return s;
        }
        if (tagged.getAndIncrement() >= settings.seriesLimit()) {
            tagged.decrementAndGet();
            s.observations = otherObservations;
            s.forecasts = otherForecasts;
            return s;
        }
        s.observations = seriesCounter("odecast.series.observations", id);
        s.forecasts = seriesCounter("odecast.series.forecasts", id);
        seriesGauge("odecast.series.model.version", id, s, x -> x.modelVersion >= 0 ? x.modelVersion : Double.NaN,
                "Version of the series' model in use");
        TimeGauge.builder("odecast.series.model.age", s, TimeUnit.MILLISECONDS,
                        x -> x.modelVersion >= 0 ? clock.millis() - x.publishedMillis : Double.NaN)
                .tag("series", id).description("Age of the series' model (since it was published)").register(registry);
        seriesGauge("odecast.series.validation.loss", id, s, x -> x.validationLoss,
                "Best validation loss of the series' latest published model");
        return s;
    }

    private Counter seriesCounter(String name, String id) {
        return Counter.builder(name).tag("series", id).description("Per series (enabled, capped)").register(registry);
    }

    private void seriesGauge(String name, String id, SeriesState s, ToDoubleFunction<SeriesState> value,
                             String description) {
        Gauge.builder(name, s, value).tag("series", id).description(description).register(registry);
    }

    private double count(java.util.function.Predicate<SeriesState> which) {
        return series.values().stream().filter(which).count();
    }

    private double modelAge(boolean oldest) {
        long now = clock.millis();
        var ages = series.values().stream().filter(s -> s.modelVersion >= 0).mapToLong(s -> now - s.publishedMillis);
        var age = oldest ? ages.max() : ages.min();
        return age.isPresent() ? age.getAsLong() : Double.NaN;
    }

    @Override
    public void close() {
        if (kafkaStreamsMetrics != null) {
            kafkaStreamsMetrics.close();
        }
        registry.close();
    }

    /**
     * Prequential scores of one method in one lead bucket, as sums and counts (each scored forecast and
     * variable counts once), so PromQL divides rates: MAE = absolute.error / errors, RMSE = sqrt(squared.error
     * / errors), MASE = scaled.error / scaled, coverage = interval.hits / interval.checks.
     */
    private final class ScoreMeters {
        final Counter errors;
        final Counter absolute;
        final Counter squared;
        final Counter scaledCount;
        final Counter scaled;
        final Counter checks;
        final Counter hits;

        ScoreMeters(String method, String bucket) {
            errors = scoreCounter("odecast.score.errors", method, bucket, "Scored (forecast, variable) pairs");
            absolute = scoreCounter("odecast.score.absolute.error", method, bucket, "Sum of absolute errors (series units)");
            squared = scoreCounter("odecast.score.squared.error", method, bucket, "Sum of squared errors");
            scaledCount = scoreCounter("odecast.score.scaled", method, bucket, "Pairs with a known MASE scale");
            scaled = scoreCounter("odecast.score.scaled.error", method, bucket,
                    "Sum of absolute errors over the in-sample naive one-step MAE");
            checks = scoreCounter("odecast.score.interval.checks", method, bucket, "Pairs that had a prediction interval");
            hits = scoreCounter("odecast.score.interval.hits", method, bucket, "Pairs inside their prediction interval");
        }

        void record(Score s) {
            Score.Tally t = s.tally();
            errors.increment(t.pairs());
            absolute.increment(t.absoluteErrors());
            squared.increment(t.squaredErrors());
            scaledCount.increment(t.scaledPairs());
            scaled.increment(t.scaledErrors());
            checks.increment(t.intervalChecks());
            hits.increment(t.intervalHits());
        }
    }

    private Counter scoreCounter(String name, String method, String bucket, String description) {
        return Counter.builder(name).tag("method", method).tag("bucket", bucket).description(description).register(registry);
    }

    /** What the meters know of one series; written by the stream and training threads, read on scrape. */
    private final class SeriesState {
        volatile long lastSeenMillis = Long.MIN_VALUE;
        volatile long modelVersion = -1;
        volatile long publishedMillis;
        volatile double validationLoss = Double.NaN;
        Counter observations;
        Counter forecasts;

        boolean active() {
            return lastSeenMillis != Long.MIN_VALUE
                    && clock.millis() - lastSeenMillis <= settings.activeWindow().toMillis();
        }
    }
}
