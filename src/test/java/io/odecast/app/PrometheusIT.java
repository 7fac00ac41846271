package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package; {@code .ci/run} installs it) scrapes a running odecast, and
 * its HTTP API returns odecast's series with the values the run produced.
 */
class PrometheusIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prometheusScrapesOdecastsMetrics(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        assumeTrue(Files.isExecutable(binary), "Prometheus is not installed (.ci/run installs it)");
        try (OdecastService service = OdecastService.start(ServiceConfig.defaults().withStateDir(dir.resolve("state"))
                .withHttpPort(0).withStream(StreamingIT.settings(0)))) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    service.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("odecast.observations", "p",
                            ("{\"t\": " + i + ", \"values\": {\"a\": 1, \"b\": 2}}").getBytes(StandardCharsets.UTF_8)));
                }
                producer.send(new ProducerRecord<>("odecast.observations", "p", "oops".getBytes(StandardCharsets.UTF_8)));
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (service.metrics().observations() + service.metrics().deadLetters() < 6
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: odecast\n"
                    + "    static_configs:\n      - targets: ['127.0.0.1:" + service.httpPort() + "']\n");
            Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                JsonNode accepted = awaitSeries(port, "odecast_observations_total{outcome=\"accepted\"}", Duration.ofSeconds(60));
                assertThat(accepted.at("/value/1").asDouble()).isEqualTo(5.0);
                assertThat(accepted.at("/metric/job").asText()).isEqualTo("odecast");
                JsonNode dead = awaitSeries(port, "odecast_dead_letters_total{reason=\"unparsable\"}", Duration.ofSeconds(10));
                assertThat(dead.at("/value/1").asDouble()).isEqualTo(1.0);
                JsonNode active = awaitSeries(port, "odecast_series_active", Duration.ofSeconds(10));
                assertThat(active.at("/value/1").asDouble()).isEqualTo(1.0);
                JsonNode up = awaitSeries(port, "up{job=\"odecast\"}", Duration.ofSeconds(10));
                assertThat(up.at("/value/1").asDouble()).isEqualTo(1.0);
                assertThat(awaitSeries(port, "jvm_memory_used_bytes{area=\"heap\"}", Duration.ofSeconds(10))
                        .at("/value/1").asDouble()).isPositive();
            } finally {
                prometheus.destroy();
                prometheus.waitFor();
            }
        }
    }

    /** Polls Prometheus' query API until {@code query} returns a series; returns the first. */
    private static JsonNode awaitSeries(int port, String query, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode result = JSON.readTree(r.body()).at("/data/result");
                if (r.statusCode() == 200 && result.size() > 0) {
                    return result.get(0);
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus returned no series for " + query + " within " + timeout + "; last answer: " + last);
    }
}
