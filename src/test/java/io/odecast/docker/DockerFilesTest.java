package io.odecast.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.odecast.forecast.RejectReason;
import io.odecast.ode.SolverStats;
import io.odecast.metrics.OdecastMetrics;
import io.odecast.stream.RetrainListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine here, so the deployment files are checked by reading them: the compose
 * file's services, ports and mounted files, and every metric the Grafana dashboard queries against
 * what odecast actually exports. (The YAML reader arrives with Kafka's own dependencies.)
 */
class DockerFilesTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    void composeRunsKafkaOdecastPrometheusAndGrafanaWithTheirFiles() throws Exception {
        JsonNode compose = new YAMLMapper().readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode services = compose.get("services");
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("kafka", "odecast", "prometheus", "grafana");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/odecast/ports/0").asText()).isEqualTo("8080:8080");
        assertThat(services.at("/odecast/environment/ODECAST_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(DOCKER.resolve(services.at("/odecast/build/context").asText())
                .resolve(services.at("/odecast/build/dockerfile").asText()).normalize()).exists();
        for (String service : List.of("prometheus", "grafana")) {
            for (JsonNode volume : services.at("/" + service + "/volumes")) {
                Path host = DOCKER.resolve(volume.asText().split(":")[0]).normalize();
                assertThat(host).as("%s mounts %s", service, volume.asText()).exists();
            }
        }
        JsonNode prometheus = new YAMLMapper().readTree(DOCKER.resolve("prometheus/prometheus.yml").toFile());
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText()).isEqualTo("odecast:8080");
        assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/metrics");
    }

    @Test
    void theDockerfileBuildsAndRunsAsANonRootUser() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).contains("AS build").contains("FROM eclipse-temurin:17-jre").contains("USER odecast")
                .contains("EXPOSE 8080");
    }

    /** The HEALTHCHECK command, run as written against a server answering like odecast's /health/live. */
    @Test
    void theHealthCheckCommandAsksLivenessAndReadsTheAnswer() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher line = Pattern.compile("(?m)^HEALTHCHECK .* CMD (\\[.*])$").matcher(dockerfile);
        assertThat(line.find()).isTrue();
        List<String> argv = new ArrayList<>();
        new ObjectMapper().readTree(line.group(1)).forEach(a -> argv.add(a.asText()));
        assertThat(argv.get(0)).isEqualTo("bash");
        for (boolean live : new boolean[] {true, false}) {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            List<String> asked = new ArrayList<>();
            server.createContext("/", exchange -> {
                asked.add(exchange.getRequestURI().getPath());
                byte[] body = ("{\"state\":\"RUNNING\",\"live\":" + live + ",\"ready\":true}").getBytes();
                exchange.sendResponseHeaders(live ? 200 : 503, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                List<String> command = new ArrayList<>(argv);
                command.set(2, command.get(2).replace("127.0.0.1/8080", "127.0.0.1/" + server.getAddress().getPort()));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("exit status when live=%s", live).isEqualTo(live ? 0 : 1);
                assertThat(asked).containsExactly("/health/live");
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/odecast.json").toFile());
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:odecast|jvm|process|system)_[a-z_]+)\\b");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(8);
        String scrape;
        try (OdecastMetrics metrics = new OdecastMetrics()) {
            metrics.observationAccepted("s");
            metrics.deadLettered(RejectReason.UNPARSABLE);
            metrics.forecastEmitted("s", 1, 1_000_000, new SolverStats(14, 2, 0, 0.5));
            metrics.modelLoaded("s", 1, System.currentTimeMillis());
            metrics.trainingEnded("s", RetrainListener.Outcome.PUBLISHED, 1_000_000_000L, 10, 0.1);
            metrics.scored("s", new io.odecast.forecast.Score(io.odecast.forecast.Method.MODEL, 1, 1, 0.5,
                    new double[] {0.1}, new double[] {0.4}, new boolean[] {true}));
            metrics.driftDetected("s");
            scrape = metrics.scrape();
        }
        List<String> missing = new ArrayList<>();
        for (String name : queried) {
            if (!Pattern.compile("(?m)^" + name + "(\\{| )").matcher(scrape).find()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("dashboard metrics missing from a live scrape").isEmpty();
    }
}
