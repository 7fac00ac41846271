package io.odecast.app;

import io.odecast.metrics.OdecastMetrics;
import io.odecast.stream.OdecastTopology;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.StreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: (embedded broker,) topics, Kafka Streams with the production topology
 * (exactly-once v2), the training pool, the models publisher and the HTTP port. {@link #start}
 * returns once Kafka Streams is RUNNING; {@link #close} stops everything in reverse order.
 */
public final class OdecastService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OdecastService.class);

    private final ServiceConfig config;
    private final EmbeddedKafka embedded;
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> modelProducer;
    private final RetrainingService training;
    private final OdecastMetrics metrics;
    private final KafkaStreams streams;
    private final ForecastHttpServer http;

    private OdecastService(ServiceConfig config, EmbeddedKafka embedded) {
        this.config = config;
        this.embedded = embedded;
        this.bootstrap = config.bootstrapServers().orElseGet(() -> embedded.bootstrapServers());
        StreamSettings s = config.stream();
        this.metrics = new OdecastMetrics(config.metrics(), java.time.Clock.systemUTC());
        createTopics();
        this.modelProducer = new KafkaProducer<>(clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")), new StringSerializer(), new ByteArraySerializer());
        this.training = new RetrainingService(s, config.trainingThreads(), 64, this::publish, metrics);
        this.http = new ForecastHttpServer(config.httpHost(), config.httpPort(), metrics::scrape, training::status);
        HostInfo self = new HostInfo(config.httpHost(), http.port());
        Properties props = clientProperties(Map.of());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        // exactly-once unless the configuration asks otherwise (--kafka processing.guarantee=at_least_once)
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        props.putIfAbsent("processing.exception.handler.global.enabled", "true");
        this.streams = new KafkaStreams(OdecastTopology.build(s, training, metrics), props);
        metrics.bind(streams);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.ERROR) {
                LOG.error("Kafka Streams stopped with an error; see the log above");
            }
        });
        streams.start();
        try {
            if (!running.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within 120 s (state "
                        + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        http.start(streams, self);
        LOG.info("odecast is running: Kafka {} , HTTP {}:{}, application id {}", bootstrap, self.host(), self.port(),
                config.applicationId());
    }

    /** Starts the service (and the embedded broker when no cluster is configured); returns when RUNNING. */
    public static OdecastService start(ServiceConfig config) {
        EmbeddedKafka embedded = config.bootstrapServers().isEmpty() ? EmbeddedKafka.start() : null;
        try {
            return new OdecastService(config, embedded);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public int httpPort() {
        return http.port();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The service's meters; also the running totals the demo and the tests read. */
    public OdecastMetrics metrics() {
        return metrics;
    }

    public RetrainingService training() {
        return training;
    }

    /** Kafka client settings shared by every client odecast creates: bootstrap plus the pass-through settings. */
    public Properties clientProperties(Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(config.kafka());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(extra);
        return p;
    }

    private void publish(PublishedModel model) {
        try {
            modelProducer.send(new ProducerRecord<>(config.stream().modelsTopic(), model.series(), model.toBytes())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a model", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish the model of '" + model.series() + "': "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private void createTopics() {
        StreamSettings s = config.stream();
        short rf = -1;
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(s.observationsTopic(), config.partitions(), rf));
        topics.add(new NewTopic(s.forecastsTopic(), config.partitions(), rf));
        topics.add(new NewTopic(s.deadLettersTopic(), config.partitions(), rf));
        if (!s.evaluationsTopic().isEmpty()) {
            topics.add(new NewTopic(s.evaluationsTopic(), config.partitions(), rf));
        }
        Map<String, String> compacted = new HashMap<>();
        compacted.put("cleanup.policy", "compact");
        topics.add(new NewTopic(s.modelsTopic(), config.partitions(), rf).configs(compacted));
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 30 s", e);
        }
    }

    @Override
    public void close() {
        http.close();
        training.close();
        // Leaving the group hands the partitions over at once; a crash still waits for the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        modelProducer.close(Duration.ofSeconds(5));
        metrics.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
