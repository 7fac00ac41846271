package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.cli.OdecastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odecast demo} end to end on the embedded broker, as a user runs it. */
class DemoIT {

    @Test
    void theDemoStreamsTrainsForecastsAndReports(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OdecastCli.run(new String[] {"demo", "--sensors", "2", "--points", "45", "--delay-ms", "5",
            "--http-port", "0", "--json", "--out", dir.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.toString());
        assertThat(s.get("series").asInt()).isEqualTo(3);
        assertThat(s.get("observations").asLong()).isEqualTo(21 + 2 * 45);
        // one malformed record after every 40 observations, from the 21st: at 21, 61 and 101 of 111
        assertThat(s.get("deadLetters").asLong()).isEqualTo(3);
        assertThat(s.get("modelsPublished").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(s.get("forecasts").asLong()).isPositive().isLessThan(s.get("observations").asLong());
        assertThat(s.get("plots")).hasSize(6);
        s.get("plots").forEach(p -> assertThat(Path.of(p.asText())).exists());
        assertThat(err.toString()).contains("replaying 111 observations of 3 series");
        // every forecast was scored beside the baselines, the seasonal one too (hudson-bay, ten years)
        for (String method : new String[] {"odecast", "naive", "seasonal-naive", "drift"}) {
            assertThat(s.at("/oneStepMase/" + method).asDouble()).as(method).isPositive();
        }
    }
}
