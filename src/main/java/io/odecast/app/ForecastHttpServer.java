package io.odecast.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odecast.forecast.ForecastCurve;
import io.odecast.stream.OdecastTopology;
import io.odecast.stream.SeriesHistory;
import io.odecast.stream.SeriesQueries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * odecast's HTTP port.
 * <ul>
 *   <li>{@code GET /series/{id}/forecast?t=T}: the forecast value of a series at time T (without
 *       {@code t}: the latest forecast record); {@code GET /series/{id}/observations?limit=N}: its latest
 *       observations. Both through Kafka Streams interactive queries, from whichever instance holds the
 *       series (other instances forward the question).</li>
 *   <li>{@code GET /api/series}: every series of every instance with its model version and training
 *       status ({@code ?scope=local}: this instance's only).</li>
 *   <li>{@code GET /}: the live page (observed values and the latest forecast per series, refreshed).</li>
 *   <li>{@code GET /health/live} (200 unless Kafka Streams has failed or is shutting down),
 *       {@code GET /health/ready} (200 only while RUNNING, when queries are answered), {@code GET /health}
 *       (both, status as ready); {@code GET /metrics}: the Prometheus endpoint.</li>
 * </ul>
 */
final class ForecastHttpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERIES_PATH = Pattern.compile("^/series/([^/]+)/(forecast|observations)$");
    private static final Set<KafkaStreams.State> DEAD = Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
    private static final int DEFAULT_OBSERVATIONS = 200;
    private static final int MAX_OBSERVATIONS = 10_000;
    private static final String WEB = "/io/odecast/app/web/";
    /** Page files: path → (resource, content type). */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {WEB + "index.html", "text/html; charset=utf-8"},
            "/live.js", new String[] {WEB + "live.js", "text/javascript; charset=utf-8"},
            "/live.css", new String[] {WEB + "live.css", "text/css; charset=utf-8"},
            "/assets/uplot.js", new String[] {uplot("uPlot.iife.min.js"), "text/javascript; charset=utf-8"},
            "/assets/uplot.css", new String[] {uplot("uPlot.min.css"), "text/css; charset=utf-8"});

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> metrics;
    private final Function<String, RetrainingService.TrainingStatus> training;
    private volatile KafkaStreams streams;
    private volatile SeriesQueries queries;
    private volatile HostInfo self;

    ForecastHttpServer(String host, int port, Supplier<String> metrics,
                       Function<String, RetrainingService.TrainingStatus> training) {
        this.metrics = metrics;
        this.training = training;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "odecast-http");
            t.setDaemon(true);
            return t;
        }));
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.queries = new SeriesQueries(streams);
        this.self = self;
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("only GET is served"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            switch (path) {
                case "/metrics" -> sendBytes(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.get().getBytes(StandardCharsets.UTF_8));
                case "/health", "/health/live", "/health/ready" -> health(exchange, path);
                case "/api/series" -> series(exchange, "local".equals(parameter(query, "scope")));
                default -> {
                    String[] file = STATIC.get(path);
                    Matcher m = SERIES_PATH.matcher(path);
                    if (file != null) {
                        sendResource(exchange, file[0], file[1]);
                    } else if (m.matches()) {
                        String series = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                        routed(exchange, series, m.group(2), query);
                    } else {
                        send(exchange, 404, error("unknown path " + path + "; try /, /series/{id}/forecast?t=..., "
                                + "/series/{id}/observations, /api/series, /health, /metrics"));
                    }
                }
            }
        } catch (RuntimeException e) {
            send(exchange, 500, error(String.valueOf(e.getMessage())));
        }
    }

    private void health(HttpExchange exchange, String path) throws IOException {
        KafkaStreams.State state = streams.state();
        boolean live = live(state);
        boolean ready = ready(state);
        ObjectNode body = JSON.createObjectNode().put("state", state.name()).put("live", live).put("ready", ready);
        boolean ok = path.equals("/health/live") ? live : ready;
        send(exchange, ok ? 200 : 503, body);
    }

    /** Alive unless Kafka Streams failed or is shutting down: a restart would not help otherwise. */
    static boolean live(KafkaStreams.State state) {
        return !DEAD.contains(state);
    }

    /** Ready only while RUNNING: while created, rebalancing or restoring, interactive queries may fail. */
    static boolean ready(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING;
    }

    /** A question about one series: answered here when this instance holds it, else forwarded to the holder. */
    private void routed(HttpExchange exchange, String series, String what, String rawQuery) throws IOException {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            send(exchange, 503, error("not ready: Kafka Streams is " + streams.state()));
            return;
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(OdecastTopology.FORECASTS_STORE, series,
                Serdes.String().serializer());
        if (meta == null || meta.activeHost() == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            send(exchange, 503, error("no instance holds series '" + series + "' right now; retry"));
            return;
        }
        if (!meta.activeHost().equals(self)) {
            forward(exchange, meta.activeHost(), "/series/" + URLEncoder.encode(series, StandardCharsets.UTF_8) + "/" + what,
                    rawQuery, series);
        } else if (what.equals("forecast")) {
            forecast(exchange, series, parameter(rawQuery, "t"));
        } else {
            observations(exchange, series, parameter(rawQuery, "limit"));
        }
    }

    private void forecast(HttpExchange exchange, String series, String t) throws IOException {
        Optional<byte[]> latest = queries.latestForecast(series);
        if (latest.isEmpty()) {
            send(exchange, 404, error("no forecast for series '" + series + "' yet"));
            return;
        }
        JsonNode forecast = JSON.readTree(latest.get());
        if (t == null) {
            send(exchange, 200, forecast);
            return;
        }
        double time;
        try {
            time = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            send(exchange, 400, error("t must be a number, got '" + t + "'"));
            return;
        }
        ForecastCurve curve = ForecastCurve.fromJson(forecast.get("curve"));
        if (!(time >= curve.startTime() && time <= curve.endTime())) {
            send(exchange, 422, error("t = " + time + " is outside the latest forecast [" + curve.startTime() + ", "
                    + curve.endTime() + "]"));
            return;
        }
        double[] values = curve.valueAt(time);
        ObjectNode body = JSON.createObjectNode();
        body.put("series", series);
        body.put("t", time);
        ObjectNode v = body.putObject("values");
        for (int i = 0; i < values.length; i++) {
            v.put(curve.variables().get(i), values[i]);
        }
        body.put("modelVersion", forecast.get("modelVersion").asLong());
        body.put("issuedAt", forecast.get("issuedAt").asDouble());
        body.put("servedBy", self.host() + ":" + self.port());
        send(exchange, 200, body);
    }

    private void observations(HttpExchange exchange, String series, String limitText) throws IOException {
        int limit = DEFAULT_OBSERVATIONS;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_OBSERVATIONS) {
                send(exchange, 400, error("limit must be an integer in [1, " + MAX_OBSERVATIONS + "], got '" + limitText + "'"));
                return;
            }
        }
        Optional<SeriesHistory> history = queries.recent(series, limit);
        if (history.isEmpty()) {
            send(exchange, 404, error("no observations of series '" + series + "'"));
            return;
        }
        SeriesHistory h = history.get();
        ObjectNode body = JSON.createObjectNode();
        body.put("series", series);
        ArrayNode times = body.putArray("times");
        for (double t : h.times()) {
            times.add(t);
        }
        ObjectNode values = body.putObject("values");
        for (int v = 0; v < h.variables().size(); v++) {
            ArrayNode column = values.putArray(h.variables().get(v));
            for (double[] row : h.values()) {
                column.add(row[v]);
            }
        }
        send(exchange, 200, body);
    }

    /** This instance's series, and unless {@code localOnly} every other instance's, asked over HTTP. */
    private void series(HttpExchange exchange, boolean localOnly) throws IOException {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            send(exchange, 503, error("not ready: Kafka Streams is " + streams.state()));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode all = body.putArray("series");
        for (SeriesQueries.SeriesStatus s : queries.localSeries()) {
            all.add(describe(s));
        }
        ArrayNode unreachable = body.putArray("unreachable");
        if (!localOnly) {
            // every other instance asked at once: the answer waits for the slowest, not for their sum
            Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> answers = new LinkedHashMap<>();
            for (StreamsMetadata other : streams.metadataForAllStreamsClients()) {
                HostInfo host = other.hostInfo();
                if (!host.equals(self)) {
                    answers.put(host, client.sendAsync(HttpRequest.newBuilder(
                                    URI.create("http://" + host.host() + ":" + host.port() + "/api/series?scope=local"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
                }
            }
            for (var answer : answers.entrySet()) {
                HostInfo host = answer.getKey();
                try {
                    HttpResponse<byte[]> response = answer.getValue().get();
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    JSON.readTree(response.body()).path("series").forEach(all::add);
                } catch (IOException | ExecutionException e) {
                    unreachable.add(host.host() + ":" + host.port());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    unreachable.add(host.host() + ":" + host.port());
                }
            }
        }
        send(exchange, 200, body);
    }

    private ObjectNode describe(SeriesQueries.SeriesStatus s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("series", s.series());
        n.set("variables", JSON.valueToTree(s.variables()));
        n.put("count", s.count());
        n.put("latestTime", s.latestTime());
        if (s.modelVersion() >= 0) {
            n.put("modelVersion", s.modelVersion());
        } else {
            n.putNull("modelVersion");
        }
        RetrainingService.TrainingStatus t = training.apply(s.series());
        ObjectNode tn = n.putObject("training");
        tn.put("running", t.running());
        tn.put("lastOutcome", t.lastOutcome());
        if (t.lastOutcome() != null) {
            tn.put("lastEpochs", t.lastEpochs());
            if (Double.isFinite(t.lastValidationLoss())) {
                tn.put("lastValidationLoss", t.lastValidationLoss());
            }
            tn.put("lastFinishedAt", Instant.ofEpochMilli(t.lastFinishedMillis()).toString());
        }
        n.put("servedBy", self.host() + ":" + self.port());
        return n;
    }

    private void forward(HttpExchange exchange, HostInfo host, String path, String rawQuery, String series)
            throws IOException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path + (rawQuery == null ? "" : "?" + rawQuery));
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            sendBytes(exchange, response.statusCode(), "application/json", response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, error("interrupted while asking " + host));
        } catch (IOException e) {
            send(exchange, 502, error("the instance holding '" + series + "' (" + host + ") did not answer: " + e.getMessage()));
        }
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The path of a uPlot file inside its WebJar (the version read from the WebJar itself). */
    private static String uplot(String file) {
        Properties p = new Properties();
        try (InputStream in = ForecastHttpServer.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/uplot/" + p.getProperty("version", "missing") + "/dist/" + file;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void sendResource(HttpExchange exchange, String resource, String contentType) throws IOException {
        try (InputStream in = ForecastHttpServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                send(exchange, 500, error("missing from the jar: " + resource));
                return;
            }
            sendBytes(exchange, 200, contentType, in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendBytes(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
