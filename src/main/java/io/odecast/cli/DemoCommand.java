package io.odecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.app.Demo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast demo}: everything on the embedded broker, fed the hare–lynx record and synthetic sensors. */
@Command(name = "demo",
        description = "Start an embedded Kafka broker and odecast, replay hare-lynx and noisy Lotka-Volterra sensors, "
                + "train models as data arrives, and report forecasts.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true)
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--sensors", paramLabel = "N", description = "Synthetic sensor series.")
    private int sensors = 3;

    @Option(names = "--points", paramLabel = "N", description = "Observations per sensor.")
    private int points = 60;

    @Option(names = "--delay-ms", paramLabel = "MS", description = "Pause between records.")
    private int delayMs = 20;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port for forecast queries; 0 takes any free port "
            + "(printed at start), so the demo never clashes with a running service.")
    private int httpPort = 0;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the observed-vs-forecast plots.")
    private Path out = Path.of("out", "demo");

    @Option(names = "--no-plots", description = "Do not write plots.")
    private boolean noPlots;

    @Option(names = "--linger", paramLabel = "DURATION", description = "Keep the service, its HTTP port and live page up "
            + "this long after the replay (ISO-8601, e.g. PT10M; PT0S: stop at once).")
    private Duration linger = Duration.ZERO;

    @Option(names = "--json", description = "Print the summary as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (sensors < 0 || points < 12 || delayMs < 0 || linger.isNegative()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "need --sensors >= 0, --points >= 12, --delay-ms >= 0 and --linger >= PT0S");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : stdout;
        Demo.Summary s = Demo.run(new Demo.Options(sensors, points, Duration.ofMillis(delayMs), httpPort,
                noPlots ? null : out, linger), progress);
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("observations", s.observations());
            node.put("forecasts", s.forecasts());
            node.put("deadLetters", s.deadLetters());
            node.put("modelsPublished", s.modelsPublished());
            node.put("series", s.series());
            node.put("wallSeconds", s.wallSeconds());
            node.set("plots", JSON.valueToTree(s.plots().stream().map(Path::toString).toList()));
            ObjectNode mase = node.putObject("oneStepMase");
            s.oneStepMase().forEach((method, value) -> JsonOut.number(mase, method, value));
            stdout.println(JSON.writeValueAsString(node));
        } else {
            stdout.printf("done in %.1f s: %d observations of %d series, %d forecasts, %d dead letters, %d models published%n",
                    s.wallSeconds(), s.observations(), s.series(), s.forecasts(), s.deadLetters(), s.modelsPublished());
            StringBuilder mase = new StringBuilder();
            s.oneStepMase().forEach((method, value) -> mase.append(mase.length() == 0 ? "" : ", ").append(method)
                    .append(' ').append(Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.2f", value) : "-"));
            stdout.printf("one-step-ahead MASE (below 1 beats the naive scale): %s%n", mase);
            if (!s.plots().isEmpty()) {
                stdout.println("plots in " + s.plots().get(0).getParent());
            }
        }
        return ExitCodes.OK;
    }
}
