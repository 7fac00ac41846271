package io.odecast.bench;

import io.odecast.app.EmbeddedKafka;
import io.odecast.app.OdecastService;
import io.odecast.app.ServiceConfig;
import io.odecast.stream.OdecastTopology;
import io.odecast.stream.OdecastTopologyTestModels;
import io.odecast.stream.PublishedModel;
import io.odecast.stream.SeriesHistory;
import io.odecast.stream.StageTopologies;
import io.odecast.stream.StreamSettings;
import io.odecast.train.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end streaming benchmark on the embedded broker, in one run: odecast (forecasting every
 * observation) against a pass-through Kafka Streams topology with the same settings (exactly-once v2,
 * same partitions, one stream thread, 100 ms commits), and two topologies that do part of odecast's work
 * ({@link StageTopologies}: parse only; parse and keep the history), to show where the throughput goes.
 * Throughput: records produced as fast as possible until all outputs are consumed, in rounds that
 * alternate the applications, after a long warm-up (the forecasting path has much more code to compile
 * than the pass-through: with a short one the JIT compiler's threads took a third of the two cores during
 * the measurement); medians are reported, with the cores the whole process kept busy and the share of the
 * time the application's stream thread was on a core. Latency: producer timestamp to consumer receipt
 * (read_committed), at a steady pace, idle and while a long retraining runs on the training pool.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Dbench.main=io.odecast.bench.StreamingBenchmark -Djmh.args=}
 * (about two minutes). Sizes are system properties:
 * {@code -Dbench.jvm="-Xmx2g -Dbench.rounds=5 -Dbench.burst=100000 -Dbench.warmup=300000"}.
 */
public final class StreamingBenchmark {

    private static final int SERIES = 8;
    /** Records per throughput round, rounds measured (alternating, pass-through first), records of JIT warm-up each. */
    private static final int BURST = Integer.getInteger("bench.burst", 100_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 300_000);
    private static final int PACED = 600;
    private static final int RATE = 100;
    /** Processing guarantee of every application: exactly_once_v2 (the default) or at_least_once. */
    private static final String GUARANTEE = System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2);

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Cores the whole process (broker, every application, benchmark clients) used during the last burst. */
    private static double lastCores;
    /** The share of the last burst its application's stream thread was on a core (mean over its stream threads). */
    private static double lastStreamThread;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private StreamingBenchmark() {
    }

    /** One application under test: where its input goes, where its output comes from, its stream threads' name. */
    private record Lane(String name, String in, String out, String threadPrefix) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("odecast-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            // A retraining long enough to overlap the whole paced run: the seed's network, no early stop.
            TrainingConfig longTraining = TrainingConfig.SEED.withEpochs(100_000).withPatience(100_000);
            StreamSettings settings = StreamSettings.defaults().withForecast(2.0, 5)
                    .withRetraining(0, Duration.ZERO, 1000, Duration.ofSeconds(30))
                    .withTraining(longTraining, io.odecast.train.Normaliser.Kind.ZSCORE);
            ServiceConfig config = ServiceConfig.defaults().withBootstrapServers(bootstrap).withStateDir(dir.resolve("odecast"))
                    .withHttpPort(0).withStream(settings).withKafka(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE));
            Lane pass = new Lane("pass-through", "bench.in", "bench.out", "bench-pass-through-");
            Lane parse = new Lane("parse only", "bench.parse.in", "bench.parse.out", "bench-parse-");
            Lane persist = new Lane("parse + history", "bench.persist.in", "bench.persist.out", "bench-persist-");
            Lane odecast = new Lane("odecast", settings.observationsTopic(), settings.forecastsTopic(), "odecast-");
            List<Lane> lanes = List.of(pass, parse, persist, odecast);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                List<NewTopic> topics = new ArrayList<>();
                for (Lane lane : lanes.subList(0, 3)) {
                    topics.add(new NewTopic(lane.in(), config.partitions(), (short) 1));
                    topics.add(new NewTopic(lane.out(), config.partitions(), (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
            StreamsBuilder passThrough = new StreamsBuilder();
            passThrough.stream(pass.in(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .to(pass.out(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
            try (OdecastService service = OdecastService.start(config);
                 KafkaStreams passApp = start(passThrough.build(), "bench-pass-through", bootstrap, dir);
                 KafkaStreams parseApp = start(StageTopologies.parse(parse.in(), parse.out()), "bench-parse", bootstrap, dir);
                 KafkaStreams persistApp = start(StageTopologies.persist(persist.in(), persist.out()), "bench-persist", bootstrap, dir);
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                         "linger.ms", "1"), new StringSerializer(), new ByteArraySerializer())) {
                for (int s = 0; s < SERIES; s++) {
                    producer.send(new ProducerRecord<>(settings.modelsTopic(), "s" + s,
                            new PublishedModel("s" + s, 1, OdecastTopologyTestModels.model()).toBytes())).get();
                }
                while (service.metrics().modelsLoaded() < SERIES) {
                    Thread.sleep(50);
                }
                int[] clock = new int[1];
                // Warm-up: JIT every path (a short one measured the compiler, which took a third of the CPU).
                for (Lane lane : lanes) {
                    burst(producer, bootstrap, lane, WARM_UP, clock);
                }
                double[][] rates = new double[lanes.size()][ROUNDS];
                double[][] ratios = new double[lanes.size()][ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", r + 1));
                    for (int l = 0; l < lanes.size(); l++) {
                        rates[l][r] = burst(producer, bootstrap, lanes.get(l), BURST, clock);
                        ratios[l][r] = rates[l][r] / rates[0][r];
                        line.append(String.format(Locale.ROOT, "  %s %.0f/s (%.0f%%, cores %.2f, stream thread %.0f%%)",
                                lanes.get(l).name(), rates[l][r], 100 * ratios[l][r], lastCores, 100 * lastStreamThread));
                    }
                    System.out.println(line);
                }
                long sent = WARM_UP + (long) ROUNDS * BURST;
                double persistChangelog = committedRecords(bootstrap, "bench-persist-" + OdecastTopology.HISTORY_STORE
                        + "-changelog") / (double) sent;
                double odecastChangelog = committedRecords(bootstrap, config.applicationId() + "-"
                        + OdecastTopology.HISTORY_STORE + "-changelog") / (double) sent;
                double[] passIdle = paced(producer, bootstrap, pass, clock);
                double[] idle = paced(producer, bootstrap, odecast, clock);
                startLongTraining(service, settings);
                double[] training = paced(producer, bootstrap, odecast, clock);
                boolean trainingRan = service.training().pending() > 0;

                System.out.printf(Locale.ROOT, "%nthroughput, %d rounds of %d records as fast as possible (medians):%n",
                        ROUNDS, BURST);
                for (int l = 0; l < lanes.size(); l++) {
                    System.out.printf(Locale.ROOT, "  %-16s %8.0f records/s  %4.0f%% of pass-through%n",
                            lanes.get(l).name(), median(rates[l]), 100 * median(ratios[l]));
                }
                System.out.printf(Locale.ROOT, "history changelog records per observation: parse + history %.3f, odecast %.3f%n",
                        persistChangelog, odecastChangelog);
                System.out.printf(Locale.ROOT, "latency at %d records/s, produced to consumed (ms):%n", RATE);
                System.out.printf(Locale.ROOT, "  pass-through              p50 %6.1f  p99 %6.1f%n", passIdle[0], passIdle[1]);
                System.out.printf(Locale.ROOT, "  odecast, idle             p50 %6.1f  p99 %6.1f%n", idle[0], idle[1]);
                System.out.printf(Locale.ROOT, "  odecast, while retraining p50 %6.1f  p99 %6.1f  (p99 %.2fx idle; training still running at the end: %s)%n",
                        training[0], training[1], training[1] / idle[1], trainingRan);
            }
        }
    }

    /** The stream threads of an application. */
    private static long[] streamThreads(Lane lane) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(lane.threadPrefix()) && t.getName().matches(".*-StreamThread-\\d+"))
                .mapToLong(Thread::getId).toArray();
    }

    private static long threadCpu(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += THREADS.getThreadCpuTime(id);
        }
        return sum;
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Starts a benchmark application with the same settings as odecast's (exactly-once v2, one stream thread, 100 ms commits). */
    private static KafkaStreams start(org.apache.kafka.streams.Topology topology, String id, String bootstrap, Path dir)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE);
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(id).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        KafkaStreams streams = new KafkaStreams(topology, p);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        running.await(60, TimeUnit.SECONDS);
        return streams;
    }

    private static byte[] observation(int t) {
        return ("{\"t\": " + t + ", \"values\": {\"a\": " + (1.5 + Math.sin(t * 0.1)) + ", \"b\": "
                + (1.5 + Math.cos(t * 0.1)) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Produces {@code n} records as fast as possible; returns records per second until all outputs are read. */
    private static double burst(KafkaProducer<String, byte[]> producer, String bootstrap, Lane lane, int n,
                                int[] clock) throws Exception {
        String in = lane.in();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, lane.out())) {
            long start = System.nanoTime();
            long cpuStart = PROCESS.getProcessCpuTime();
            long[] streamThreads = streamThreads(lane);
            long threadStart = threadCpu(streamThreads);
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(in, "s" + (i % SERIES), observation(++clock[0])));
            }
            producer.flush();
            int seen = 0;
            while (seen < n) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            long wall = System.nanoTime() - start;
            lastCores = (PROCESS.getProcessCpuTime() - cpuStart) / (double) wall;
            lastStreamThread = (threadCpu(streamThreads) - threadStart) / (double) wall / streamThreads.length;
            return n / (wall / 1e9);
        }
    }

    /** Produces at a steady {@link #RATE}; returns p50 and p99 latency in ms. */
    private static double[] paced(KafkaProducer<String, byte[]> producer, String bootstrap, Lane lane,
                                  int[] clock) throws Exception {
        String in = lane.in();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, lane.out())) {
            List<Double> latencies = new ArrayList<>();
            Thread sender = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; i < PACED; i++) {
                    producer.send(new ProducerRecord<>(in, null, System.currentTimeMillis(), "s" + (i % SERIES),
                            observation(++clock[0])));
                    next += 1_000_000_000L / RATE;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                producer.flush();
            });
            sender.start();
            while (latencies.size() < PACED) {
                for (var r : consumer.poll(Duration.ofMillis(20))) {
                    latencies.add((double) (System.currentTimeMillis() - r.timestamp()));
                }
            }
            sender.join();
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]};
        }
    }

    /** The committed records in a topic, counted from its beginning. */
    private static long committedRecords(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                count += c.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        while (c.assignment().isEmpty()) {
            c.poll(Duration.ofMillis(50));
        }
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
        return c;
    }

    /** A training long enough to overlap the whole paced run: 400 observations, the seed's network, 3000 epochs. */
    private static void startLongTraining(OdecastService service, StreamSettings settings) {
        double[] times = new double[400];
        double[][] values = new double[400][];
        for (int i = 0; i < 400; i++) {
            times[i] = i * 0.25;
            values[i] = new double[] {2 + Math.sin(i * 0.25), 2 + Math.cos(i * 0.3)};
        }
        service.training().request(new SeriesHistory("big", List.of("a", "b"), times, values, 0, 0), null);
    }
}
