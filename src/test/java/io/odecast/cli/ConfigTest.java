package io.odecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.odecast.config.ConfigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration precedence: built-in defaults &lt; file &lt; environment &lt; flags. */
class ConfigTest {

    record Run(int code, String out, String err) {
    }

    static Run odecast(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OdecastCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, String> effective(String configOutput) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("^([\\w.-]+)=(.*?)   # (.*)$", Pattern.MULTILINE).matcher(configOutput);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2) + " <- " + matcher.group(3));
        }
        return m;
    }

    @Test
    void fileThenEnvironmentOverrideTheDefaultsAndSecretsAreMasked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odecast.properties");
        Files.writeString(file, "http-port=9000\nhorizon=3.5\nkafka.sasl.jaas.config=secret stuff\nkafka.acks=all\n");
        Run run = odecast(Map.of("ODECAST_HTTP_PORT", "9100", "ODECAST_KAFKA_LINGER_MS", "5"), "config", "--config", file.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, String> e = effective(run.out());
        assertThat(e.get("http-port")).isEqualTo("9100 <- env ODECAST_HTTP_PORT");
        assertThat(e.get("horizon")).isEqualTo("3.5 <- file " + file);
        assertThat(e.get("partitions")).isEqualTo("4 <- default");
        assertThat(run.out()).contains("kafka.sasl.jaas.config=****").contains("kafka.acks=all").contains("kafka.linger.ms=5")
                .doesNotContain("secret stuff");
    }

    @Test
    void flagsWinOverEverything(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odecast.properties");
        Files.writeString(file, "http-port=9000\n");
        StringWriter sink = new StringWriter();
        picocli.CommandLine cli = OdecastCli.commandLine(new PrintWriter(sink), new PrintWriter(sink));
        cli.setDefaultValueProvider(new ConfigDefaults(ConfigFile.load(java.util.Optional.of(file),
                Map.of("ODECAST_HTTP_PORT", "9100"), java.util.Set.of("http-port"))));
        var parsed = cli.parseArgs("run", "--http-port", "9200");
        assertThat(parsed.subcommand().matchedOptionValue("--http-port", 0)).isEqualTo(9200);
        var fromEnv = cli.parseArgs("run");
        assertThat(fromEnv.subcommand().commandSpec().findOption("--http-port").<Integer>getValue()).isEqualTo(9100);
    }

    @Test
    void anUnknownKeyIsAUsageErrorThatNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odecast.properties");
        Files.writeString(file, "htp-port=9000\n");
        Run run = odecast(Map.of(), "config", "--config", file.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(file + ": unknown key 'htp-port'");
    }

    @Test
    void theShippedFileDocumentsEveryKeyWithItsBuiltInDefault() throws Exception {
        List<String> lines = Files.readAllLines(ConfigFile.DEFAULT_FILE);
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = Pattern.compile("^# ([a-z-]+)=(.*)$").matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> defaults = effective(odecast(Map.of(), "config").out());
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(defaults.keySet());
        defaults.forEach((key, value) -> assertThat(documented.get(key) + " <- default").as(key).isEqualTo(value));
    }
}
