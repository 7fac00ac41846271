package io.odecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.examples.LotkaVolterra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OdecastCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run odecast(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OdecastCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionComesFromTheBuild() {
        Run run = odecast("--version");
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("odecast ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void helpListsTheCommands() {
        Run run = odecast("--help");
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage: odecast").contains("examples");
    }

    @Test
    void withoutACommandItShowsUsageAsAUsageError() {
        Run run = odecast();
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Usage: odecast");
    }

    @Test
    void lotkaVolterraJsonHasTheDocumentedFields() throws Exception {
        Run run = odecast("examples", "--system", "lotka-volterra", "--json", "--no-plots", "--rtol", "1e-9", "--atol", "1e-9");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = JSON.readTree(lines.get(0));
        assertThat(json.get("system").asText()).isEqualTo("lotka-volterra");
        assertThat(json.get("method").asText()).isEqualTo("dopri5");
        assertThat(json.get("rtol").asDouble()).isEqualTo(1e-9);
        assertThat(json.get("atol").asDouble()).isEqualTo(1e-9);
        assertThat(json.get("t1").asDouble()).isEqualTo(50);
        assertThat(json.get("final")).hasSize(2);
        assertThat(json.get("final").get(0).asDouble()).isCloseTo(LotkaVolterra.CLASSIC_REFERENCE_AT_50[0],
                org.assertj.core.api.Assertions.within(1e-6));
        long nfe = json.get("nfe").asLong();
        long attempts = json.get("accepted").asLong() + json.get("rejected").asLong();
        assertThat(nfe).isEqualTo(2 + 6 * attempts);
        assertThat(json.get("wallMillis").asDouble()).isPositive();
        assertThat(json.get("maxAbsError").asDouble()).isPositive().isLessThan(9.7e-8);
    }

    @Test
    void everySystemRunsAndWritesItsPlots(@TempDir Path dir) throws Exception {
        Run run = odecast("examples", "--json", "--out", dir.toString(), "--points", "200");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> results = run.out().lines().map(OdecastCliTest::parse).toList();
        assertThat(results).extracting(j -> j.get("system").asText()).containsExactly("coffee", "ball", "lotka-volterra");

        JsonNode ball = results.get(1);
        assertThat(ball.get("method").asText()).isEqualTo("rk4");
        assertThat(ball.get("stepSize").asDouble()).isEqualTo(0.01);
        assertThat(ball.get("accepted").asLong()).isEqualTo(1200);
        assertThat(ball.get("rtol").isNull()).isTrue();
        assertThat(ball.get("maxAbsError").asDouble()).isLessThan(1e-9);
        assertThat(results.get(0).get("maxAbsError").asDouble()).isLessThan(1e-4);

        for (JsonNode result : results) {
            assertThat(result.get("plots")).isNotEmpty();
            for (JsonNode plot : result.get("plots")) {
                Path file = Path.of(plot.asText());
                assertThat(file).startsWith(dir).exists();
                var image = ImageIO.read(file.toFile());
                assertThat(image.getWidth()).isGreaterThan(500);
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .contains("ball-velocity.png", "ball-position.png", "lotka-volterra-phase.png", "coffee-temperature.png");
    }

    @Test
    void methodAndStepsApplyToEverySystem() {
        Run run = odecast("examples", "--system", "coffee", "--method", "euler", "--steps", "100", "--no-plots");
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("coffee").contains("euler").contains("NFE 101 ");
    }

    @Test
    void badValuesAreUsageErrorsThatNameTheProblem() {
        Run system = odecast("examples", "--system", "pendulum");
        assertThat(system.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(system.err()).contains("unknown system 'pendulum'; known systems: coffee, ball, lotka-volterra");

        Run method = odecast("examples", "--method", "rk45");
        assertThat(method.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(method.err()).contains("unknown ODE method 'rk45'");

        Run tolerance = odecast("examples", "--rtol", "-1");
        assertThat(tolerance.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(tolerance.err()).contains("rtol must be finite and >= 0, got -1.0");

        Run unknown = odecast("examples", "--bogus");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void solverFailuresAreReportedWithoutAStackTrace() {
        // Ten Euler steps of h = 5 on Lotka-Volterra overflow.
        Run run = odecast("examples", "--system", "lotka-volterra", "--method", "euler", "--steps", "10", "--no-plots");
        assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("odecast examples: non-finite state or derivative in component 0")
                .contains("at t = 35.0 (step size h = 5.0)").doesNotContain("\tat ");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void backtestPrintsScoresPerLeadBucketForTheModelAndEachBaseline() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = OdecastCli.run(new String[] {"backtest", "--dataset", "hare-lynx", "--season", "10", "--json",
            "--no-plots"}, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(r.get("observations").asInt()).isEqualTo(21);
        assertThat(r.get("bucketMaxLead")).hasSize(5);
        for (String bucket : new String[] {"1", "5"}) {
            assertThat(r.at("/model/" + bucket + "/n").asLong()).isPositive();
            for (String baseline : new String[] {"naive", "seasonal-naive", "drift"}) {
                com.fasterxml.jackson.databind.JsonNode b = r.at("/baselines/" + baseline + "/" + bucket);
                assertThat(b.get("mae").asDouble()).as(baseline).isPositive();
                assertThat(b.get("rmse").asDouble()).isGreaterThanOrEqualTo(b.get("mae").asDouble());
                assertThat(b.has("mase")).isTrue();
                assertThat(b.has("coverage")).isTrue();
            }
        }
        assertThat(r.at("/model/1/mase").asDouble()).isLessThan(1.0);
        assertThat(OdecastCli.run(new String[] {"backtest", "--csv", "x.csv"}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(err))).isEqualTo(ExitCodes.USAGE);
    }
}
