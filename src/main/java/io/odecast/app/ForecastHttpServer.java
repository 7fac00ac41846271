package io.odecast.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.odecast.forecast.ForecastCurve;
import io.odecast.stream.OdecastTopology;
import java.io.IOException;
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
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * odecast's HTTP port: {@code GET /series/{id}/forecast?t=T} answers the forecast value of a series
 * at time T through Kafka Streams interactive queries, from whichever instance holds the series
 * (other instances forward the question); without {@code t} it returns the latest forecast record.
 * {@code GET /health} reports the Kafka Streams state; {@code GET /metrics} is the Prometheus endpoint.
 */
final class ForecastHttpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORECAST = Pattern.compile("^/series/([^/]+)/forecast$");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private final java.util.function.Supplier<String> metrics;

    ForecastHttpServer(String host, int port, java.util.function.Supplier<String> metrics) {
        this.metrics = metrics;
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
            if (path.equals("/metrics")) {
                byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (path.equals("/health")) {
                KafkaStreams.State state = streams.state();
                ObjectNode body = JSON.createObjectNode().put("state", state.name());
                send(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, body);
                return;
            }
            Matcher m = FORECAST.matcher(path);
            if (!m.matches()) {
                send(exchange, 404, error("unknown path " + path + "; try /series/{id}/forecast?t=..."));
                return;
            }
            String series = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            String t = parameter(query, "t");
            forecast(exchange, series, t, query);
        } catch (RuntimeException e) {
            send(exchange, 500, error(e.getMessage()));
        }
    }

    private void forecast(HttpExchange exchange, String series, String t, String rawQuery) throws IOException {
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
            forward(exchange, meta.activeHost(), series, rawQuery);
            return;
        }
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                OdecastTopology.FORECASTS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        byte[] latest = store.get(series);
        if (latest == null) {
            send(exchange, 404, error("no forecast for series '" + series + "' yet"));
            return;
        }
        JsonNode forecast = JSON.readTree(latest);
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

    private void forward(HttpExchange exchange, HostInfo host, String series, String rawQuery) throws IOException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/series/"
                + URLEncoder.encode(series, StandardCharsets.UTF_8) + "/forecast" + (rawQuery == null ? "" : "?" + rawQuery));
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            exchange.getResponseBody().write(response.body());
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

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
