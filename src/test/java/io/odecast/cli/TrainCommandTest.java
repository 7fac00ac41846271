package io.odecast.cli;

import static io.odecast.cli.OdecastCliTest.odecast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.model.ModelFile;
import io.odecast.train.HareLynx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainsTheSeedSetupAndWritesModelReportAndSummary(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Path report = dir.resolve("report");
        OdecastCliTest.Run run = odecast("train", "--dataset", "hare-lynx", "--epochs", "30", "--json", "--quiet",
                "--model", model.toString(), "--report", report.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("mode").asText()).isEqualTo("trajectory");
        assertThat(s.get("seed").asLong()).isEqualTo(1337);
        assertThat(s.get("epochs").asInt()).isEqualTo(30);
        assertThat(s.get("bestEpoch").asInt()).isBetween(1, 30);
        for (String part : new String[] {"train", "test"}) {
            assertThat(s.get(part).get("mse").asDouble()).isPositive();
            assertThat(s.get(part).get("mae").asDouble()).isPositive();
        }
        assertThat(s.get("test").get("pearson").isNumber()).isTrue();
        assertThat(s.get("test").get("r2").fieldNames()).toIterable().containsExactly("hares", "lynx");
        assertThat(s.get("millisPerEpoch").asDouble()).isPositive();
        assertThat(s.get("wallMillis").asDouble()).isPositive();
        assertThat(s.get("backend").asText()).isEqualTo("jvm");

        ModelFile.Contents contents = ModelFile.read(model);
        assertThat(contents.model().variables()).containsExactly("hares", "lynx");
        assertThat(contents.provenance().get("dataset").asText()).isEqualTo("hare-lynx");
        assertThat(contents.training().get("learningRate").asDouble()).isEqualTo(3e-3);
        // The stored model reproduces the reported test error.
        double[][] predicted = contents.model().trajectory(HareLynx.dataset().times());
        assertThat(predicted).hasNumberOfRows(21);

        assertThat(report.resolve("index.html")).exists();
        String html = Files.readString(report.resolve("index.html"));
        for (String png : new String[] {"learning-curves.png", "observed-vs-predicted-hares.png",
            "observed-vs-predicted-lynx.png", "forecast-region.png", "phase-portrait.png", "absolute-error.png", "scatter.png"}) {
            assertThat(report.resolve(png)).exists();
            assertThat(html).contains("src=\"" + png + "\"");
        }
    }

    @Test
    void anchoredModeOnACsvFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("series.csv");
        StringBuilder s = new StringBuilder("time,prey,predators\n");
        var data = HareLynx.dataset();
        for (int i = 0; i < data.size(); i++) {
            // irregular times: skip a year now and then
            s.append(data.time(i) + (i % 3 == 0 ? 0.25 : 0)).append(',').append(data.value(i, 0)).append(',')
                    .append(data.value(i, 1)).append('\n');
        }
        Files.writeString(csv, s);
        OdecastCliTest.Run run = odecast("train", "--csv", csv.toString(), "--time", "time", "--vars", "prey,predators",
                "--mode", "anchored", "--epochs", "20", "--json", "--quiet", "--no-report", "--model",
                dir.resolve("m.json").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("mode").asText()).isEqualTo("anchored");
        assertThat(summary.get("test").get("r2").fieldNames()).toIterable().containsExactly("prey", "predators");
        assertThat(summary.get("report").isNull()).isTrue();
    }

    @Test
    void badInputIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        assertThat(odecast("train", "--mode", "sideways").err()).contains("unknown mode 'sideways'");
        assertThat(odecast("train", "--csv", "x.csv").err()).contains("--csv needs --vars");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "t,a\n1,2\n2,oops\n");
        OdecastCliTest.Run run = odecast("train", "--csv", csv.toString(), "--vars", "a");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("line 3: a is 'oops', not a number");
    }
}
