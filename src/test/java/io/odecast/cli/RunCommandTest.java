package io.odecast.cli;

import static io.odecast.cli.OdecastCliTest.odecast;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's command line is checked before anything starts. */
class RunCommandTest {

    @Test
    void aBadSeriesConfigIsAUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.json");
        Files.writeString(file, "{\"hudson-bay\": {\"transfrom\": \"zscore\"}}");
        OdecastCliTest.Run run = odecast("run", "--series-config", file.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("series 'hudson-bay': unknown key 'transfrom'");
    }

    @Test
    void outOfRangeSettingsAreUsageErrors() {
        OdecastCliTest.Run run = odecast("run", "--min-history", "1");
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("minHistory");
        assertThat(odecast("run", "--http-port", "70000").err()).contains("httpPort");
    }
}
