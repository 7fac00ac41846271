package io.odecast.metrics;

import io.micrometer.core.instrument.Counter;
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
import io.odecast.stream.RetrainListener;
import io.odecast.stream.StreamListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * odecast's meters, named by Micrometer's conventions (Prometheus adds {@code _total}, {@code _seconds}):
 * {@code odecast.observations} by outcome, {@code odecast.dead.letters} by reason,
 * {@code odecast.forecasts}, {@code odecast.forecast.failures}, {@code odecast.forecast.latency}
 * (timer with a histogram), {@code odecast.models.loaded}, {@code odecast.training.runs} by outcome,
 * {@code odecast.training.duration}, {@code odecast.training.epochs}; plus Kafka Streams client
 * metrics, JVM and process metrics. No per-series tags: cardinality stays bounded.
 */
public final class OdecastMetrics implements StreamListener, RetrainListener, AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final Counter accepted;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> deadLetters = new EnumMap<>(RejectReason.class);
    private final Counter forecasts;
    private final Counter forecastFailures;
    private final Timer forecastLatency;
    private final Counter modelsLoaded;
    private final Map<RetrainListener.Outcome, Counter> trainingRuns = new EnumMap<>(RetrainListener.Outcome.class);
    private final Timer trainingDuration;
    private final io.micrometer.core.instrument.DistributionSummary trainingEpochs;
    private KafkaStreamsMetrics kafkaStreamsMetrics;

    public OdecastMetrics() {
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
        this.modelsLoaded = Counter.builder("odecast.models.loaded").description("Models read from the models topic")
                .register(registry);
        for (RetrainListener.Outcome outcome : RetrainListener.Outcome.values()) {
            trainingRuns.put(outcome, Counter.builder("odecast.training.runs")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Training runs, by outcome").register(registry));
        }
        this.trainingDuration = Timer.builder("odecast.training.duration").description("Wall time of a training run")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.trainingEpochs = io.micrometer.core.instrument.DistributionSummary.builder("odecast.training.epochs")
                .description("Epochs of a finished training run").register(registry);
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

    @Override
    public void observationAccepted(String series) {
        accepted.increment();
    }

    @Override
    public void deadLettered(RejectReason reason) {
        rejected.get(reason).increment();
        deadLetters.get(reason).increment();
    }

    @Override
    public void forecastEmitted(String series, long modelVersion, long latencyNanos) {
        forecasts.increment();
        forecastLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void forecastFailed(String series, Exception cause) {
        forecastFailures.increment();
    }

    @Override
    public void modelLoaded(String series, long version) {
        modelsLoaded.increment();
    }

    @Override
    public void trainingEnded(String series, RetrainListener.Outcome outcome, long durationNanos, int epochs,
                              double validationLoss) {
        trainingRuns.get(outcome).increment();
        if (outcome != RetrainListener.Outcome.DROPPED) {
            trainingDuration.record(durationNanos, TimeUnit.NANOSECONDS);
            trainingEpochs.record(epochs);
        }
    }

    @Override
    public void close() {
        if (kafkaStreamsMetrics != null) {
            kafkaStreamsMetrics.close();
        }
        registry.close();
    }
}
