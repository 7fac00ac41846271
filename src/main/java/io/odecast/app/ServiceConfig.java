package io.odecast.app;

import io.odecast.metrics.MetricsSettings;
import io.odecast.stream.StreamSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the service.
 *
 * @param bootstrapServers  the Kafka cluster; empty starts the embedded broker
 * @param applicationId     Kafka Streams application id (instances with the same id share the work)
 * @param stateDir          where Kafka Streams keeps its state stores
 * @param httpHost          host name other instances reach this one at
 * @param httpPort          HTTP port for forecast queries (0: any free port)
 * @param partitions        partitions of the topics odecast creates
 * @param streamThreads     Kafka Streams threads
 * @param trainingThreads   threads of the training pool
 * @param kafka             further Kafka client settings, passed through (security settings included)
 * @param stream            topics, forecasting and retraining
 * @param metrics           per-series tags and their cap, the active-series window
 */
public record ServiceConfig(
        Optional<String> bootstrapServers,
        String applicationId,
        Path stateDir,
        String httpHost,
        int httpPort,
        int partitions,
        int streamThreads,
        int trainingThreads,
        Map<String, String> kafka,
        StreamSettings stream,
        MetricsSettings metrics) {

    public ServiceConfig {
        Objects.requireNonNull(bootstrapServers);
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(stateDir);
        Objects.requireNonNull(httpHost);
        kafka = Map.copyOf(kafka);
        Objects.requireNonNull(stream);
        Objects.requireNonNull(metrics);
        if (httpPort < 0 || httpPort > 65535 || partitions < 1 || streamThreads < 1 || trainingThreads < 1) {
            throw new IllegalArgumentException("need 0 <= httpPort <= 65535 and at least one partition, stream thread and training thread");
        }
    }

    /** Embedded broker, application id {@code odecast}, state under {@code out/state}, HTTP on 8080, 4 partitions. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(Optional.empty(), "odecast", Path.of("out", "state"), "127.0.0.1", 8080, 4, 1, 1,
                Map.of(), StreamSettings.defaults(), MetricsSettings.defaults());
    }

    public ServiceConfig withBootstrapServers(String servers) {
        return new ServiceConfig(Optional.of(servers), applicationId, stateDir, httpHost, httpPort, partitions,
                streamThreads, trainingThreads, kafka, stream, metrics);
    }

    public ServiceConfig withStateDir(Path dir) {
        return new ServiceConfig(bootstrapServers, applicationId, dir, httpHost, httpPort, partitions, streamThreads,
                trainingThreads, kafka, stream, metrics);
    }

    public ServiceConfig withHttpPort(int port) {
        return new ServiceConfig(bootstrapServers, applicationId, stateDir, httpHost, port, partitions, streamThreads,
                trainingThreads, kafka, stream, metrics);
    }

    public ServiceConfig withApplicationId(String id) {
        return new ServiceConfig(bootstrapServers, id, stateDir, httpHost, httpPort, partitions, streamThreads,
                trainingThreads, kafka, stream, metrics);
    }

    public ServiceConfig withKafka(Map<String, String> settings) {
        return new ServiceConfig(bootstrapServers, applicationId, stateDir, httpHost, httpPort, partitions, streamThreads,
                trainingThreads, settings, stream, metrics);
    }

    public ServiceConfig withStream(StreamSettings settings) {
        return new ServiceConfig(bootstrapServers, applicationId, stateDir, httpHost, httpPort, partitions, streamThreads,
                trainingThreads, kafka, settings, metrics);
    }

    public ServiceConfig withMetrics(MetricsSettings settings) {
        return new ServiceConfig(bootstrapServers, applicationId, stateDir, httpHost, httpPort, partitions, streamThreads,
                trainingThreads, kafka, stream, settings);
    }
}
