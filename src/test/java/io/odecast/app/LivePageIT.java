package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.train.Dataset;
import io.odecast.train.HareLynx;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page and the endpoints behind it, against a running odecast that has trained a model:
 * headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) loads the page, and the
 * DOM and a screenshot show the chart drawn with the observed values and the forecast.
 */
class LivePageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERIES = "hare-lynx";
    /** The page's colours of the first two variables (live.js COLOURS). */
    private static final int[] BLUE = {0x1f, 0x77, 0xb4};
    private static final int[] RED = {0xd6, 0x27, 0x28};

    @Test
    void thePageDrawsObservationsAndTheLatestForecast(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (.ci/run installs it)");
        try (OdecastService service = OdecastService.start(ServiceConfig.defaults().withStateDir(dir.resolve("state"))
                .withHttpPort(0).withStream(StreamingIT.settings(0)))) {
            String base = "http://127.0.0.1:" + service.httpPort();
            Dataset data = HareLynx.dataset();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    service.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                // ten observations train the first model; the rest are forecast from it
                send(producer, data, 0, 10);
                await(() -> service.metrics().modelsLoaded() >= 1, 60);
                send(producer, data, 10, data.size());
            }
            await(() -> service.metrics().observations() == data.size() && service.metrics().forecasts() >= 1, 30);

            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("state").asText()).isEqualTo("RUNNING");

            JsonNode listed = JSON.readTree(get(base + "/api/series").body()).get("series");
            assertThat(listed).hasSize(1);
            JsonNode s = listed.get(0);
            assertThat(s.get("series").asText()).isEqualTo(SERIES);
            assertThat(s.get("count").asInt()).isEqualTo(data.size());
            assertThat(s.get("modelVersion").asLong()).isEqualTo(1);
            assertThat(s.at("/training/lastOutcome").asText()).isEqualTo("published");
            assertThat(s.at("/training/lastEpochs").asInt()).isPositive();

            JsonNode tail = JSON.readTree(get(base + "/series/" + SERIES + "/observations?limit=5").body());
            double[] times = data.times();
            for (int i = 0; i < 5; i++) {
                assertThat(tail.at("/times/" + i).asDouble()).isEqualTo(times[times.length - 5 + i]);
                assertThat(tail.at("/values/" + data.variables().get(0) + "/" + i).asDouble())
                        .isEqualTo(data.values()[times.length - 5 + i][0]);
            }
            assertThat(get(base + "/series/" + SERIES + "/observations?limit=0").statusCode()).isEqualTo(400);
            assertThat(get(base + "/series/nobody/observations").statusCode()).isEqualTo(404);

            String dom = runChromium(chromium.get(), dir, "--dump-dom", base + "/");
            Matcher figure = Pattern.compile("<figure[^>]*data-series=\"" + SERIES + "\"[^>]*>").matcher(dom);
            assertThat(figure.find()).as("the series' figure in the DOM:%n%s", dom).isTrue();
            String tag = figure.group();
            assertThat(attribute(tag, "data-observed")).isEqualTo(String.valueOf(data.size()));
            assertThat(Integer.parseInt(attribute(tag, "data-forecast"))).isEqualTo(StreamingIT.settings(0).forecastPoints());
            assertThat(attribute(tag, "data-model-version")).isEqualTo("1");
            assertThat(dom).contains("<canvas").contains("model v1").contains("1 series");

            Path png = dir.resolve("page.png");
            runChromium(chromium.get(), dir, "--screenshot=" + png, "--window-size=1200,800", base + "/");
            // kept for a look after the build
            Files.copy(png, Path.of("target", "live-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(pixelsNear(image, BLUE)).as("pixels drawn in the first variable's colour").isGreaterThan(100);
            assertThat(pixelsNear(image, RED)).as("pixels drawn in the second variable's colour").isGreaterThan(100);
        }
    }

    @Test
    void thePageFollowsARunningDemo(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (.ci/run installs it)");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int[] code = {-1};
        Thread demo = new Thread(() -> code[0] = io.odecast.cli.OdecastCli.run(new String[] {"demo", "--sensors", "2",
            "--points", "45", "--delay-ms", "5", "--http-port", Integer.toString(port), "--no-plots", "--linger", "PT3M",
            "--json"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)), "demo");
        demo.start();
        try {
            await(() -> err.toString().contains("replay done"), 150);
            assertThat(err.toString()).contains("live page at http://127.0.0.1:" + port + "/");
            String dom = runChromium(chromium.get(), dir, "--dump-dom", "http://127.0.0.1:" + port + "/");
            Matcher figures = Pattern.compile("<figure[^>]*class=\"series\"[^>]*>").matcher(dom);
            List<String> drawn = new ArrayList<>();
            int withIntervals = 0;
            while (figures.find()) {
                String tag = figures.group();
                drawn.add(attribute(tag, "data-series"));
                withIntervals += Integer.parseInt(attribute(tag, "data-intervals")) > 0 ? 1 : 0;
                assertThat(Integer.parseInt(attribute(tag, "data-observed"))).as(tag).isGreaterThanOrEqualTo(12);
                assertThat(Integer.parseInt(attribute(tag, "data-forecast"))).as(tag).isPositive();
                assertThat(Long.parseLong(attribute(tag, "data-model-version"))).as(tag).isPositive();
            }
            assertThat(drawn).containsExactly("hudson-bay", "sensor-1", "sensor-2");
            // the sensors' forecasts have been scored often enough to carry prediction intervals
            assertThat(withIntervals).isGreaterThanOrEqualTo(2);
            Path png = dir.resolve("demo.png");
            runChromium(chromium.get(), dir, "--screenshot=" + png, "--window-size=1800,1000",
                    "http://127.0.0.1:" + port + "/");
            Files.copy(png, Path.of("target", "live-page-demo.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(pixelsNear(ImageIO.read(png.toFile()), BLUE)).isGreaterThan(100);
        } finally {
            demo.interrupt();
            demo.join(60_000);
        }
        assertThat(code[0]).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("series").asInt()).isEqualTo(3);
    }

    private static void send(KafkaProducer<String, byte[]> producer, Dataset data, int from, int to) {
        for (int i = from; i < to; i++) {
            StringBuilder json = new StringBuilder("{\"t\": ").append(data.times()[i]).append(", \"values\": {");
            for (int v = 0; v < data.variables().size(); v++) {
                json.append(v == 0 ? "" : ", ").append('"').append(data.variables().get(v)).append("\": ")
                        .append(data.values()[i][v]);
            }
            producer.send(new ProducerRecord<>("odecast.observations", SERIES,
                    json.append("}}").toString().getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    /** Runs headless Chromium on {@code url} with the page given time to fetch and draw; returns stdout. */
    private static String runChromium(Path chromium, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium"),
                "--virtual-time-budget=6000"));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + Files.readString(err));
        }
        assertThat(p.exitValue()).as("Chromium's exit status; stderr:%n%s", Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private static Optional<Path> chromium() {
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).findFirst();
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as("%s on %s", name, tag).isTrue();
        return m.group(1);
    }

    private static int pixelsNear(BufferedImage image, int[] rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - rgb[0]) < 24 && Math.abs(((p >> 8) & 0xff) - rgb[1]) < 24
                        && Math.abs((p & 0xff) - rgb[2]) < 24) {
                    n++;
                }
            }
        }
        return n;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
