package io.odecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.examples.ExampleResult;
import io.odecast.examples.ExampleSettings;
import io.odecast.examples.ExampleSystem;
import io.odecast.examples.Examples;
import io.odecast.ode.OdeMethod;
import io.odecast.ode.Tolerance;
import io.odecast.report.ExamplePlots;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast examples}: the seed's ODE warm-ups and the Lotka–Volterra benchmark. */
@Command(name = "examples",
        description = "Solve the seed's ODE warm-ups and the Lotka-Volterra benchmark, check them, plot them.",
        footer = {"", "Coffee cooling and the ball have exact solutions; Lotka-Volterra (x0 = y0 = 10, t in [0, 50]) "
            + "is compared with a DOP853 reference at rtol = atol = 1e-12. maxAbsError is the largest error over "
            + "the output times, or at t1 against the reference."},
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true)
final class ExamplesCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--system", split = ",", paramLabel = "NAME", converter = SystemConverter.class,
            description = "Systems to run, comma separated: coffee, ball, lotka-volterra.")
    private List<ExampleSystem> systems = List.of(ExampleSystem.values());

    @Option(names = "--method", paramLabel = "NAME", converter = MethodConverter.class,
            description = "Solver: euler, midpoint, rk4, bosh3, dopri5. Default: the seed's (dopri5; rk4 for the ball).")
    private OdeMethod method;

    @Option(names = "--rtol", paramLabel = "TOL", description = "Relative tolerance of adaptive methods.")
    private double rtol = ExampleSettings.SEED.rtol();

    @Option(names = "--atol", paramLabel = "TOL", description = "Absolute tolerance of adaptive methods.")
    private double atol = ExampleSettings.SEED.atol();

    @Option(names = "--steps", paramLabel = "N", description = "Steps over the interval for fixed-step methods.")
    private int steps = ExampleSettings.SEED.steps();

    @Option(names = "--points", paramLabel = "N", description = "Evenly spaced output times, the start included.")
    private int points = ExampleSettings.SEED.points();

    @Option(names = "--repeat", paramLabel = "N", description = "Solve N times and report the median wall time.")
    private int repeats = ExampleSettings.SEED.repeats();

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the PNG plots.")
    private Path out = Path.of("out", "examples");

    @Option(names = "--no-plots", description = "Do not write plots.")
    private boolean noPlots;

    @Option(names = "--json", description = "Print one JSON object per run instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        ExampleSettings settings;
        try {
            settings = new ExampleSettings(Optional.ofNullable(method), rtol, atol, steps, points, repeats);
            if (method == null || method.adaptive()) {
                Tolerance.of(rtol, atol);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (ExampleSystem system : systems) {
            ExampleResult result = Examples.run(system, settings);
            List<Path> plots = noPlots ? List.of() : ExamplePlots.write(result, out);
            if (json) {
                stdout.println(JSON.writeValueAsString(jsonOf(result, plots)));
            } else {
                stdout.println(line(result));
                plots.forEach(p -> stdout.println("    plot " + p));
            }
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> jsonOf(ExampleResult r, List<Path> plots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", r.system().id());
        m.put("method", r.method());
        m.put("rtol", boxed(r.rtol()));
        m.put("atol", boxed(r.atol()));
        m.put("stepSize", boxed(r.stepSize()));
        m.put("t1", r.endTime());
        m.put("final", r.finalState());
        m.put("nfe", r.evaluations());
        m.put("accepted", r.accepted());
        m.put("rejected", r.rejected());
        m.put("wallMillis", r.wallMillis());
        m.put("maxAbsError", boxed(r.maxAbsError()));
        m.put("plots", plots.stream().map(Path::toString).toList());
        return m;
    }

    private static String line(ExampleResult r) {
        String control = r.stepSize().isPresent()
                ? String.format("h %-17s", r.stepSize().getAsDouble())
                : String.format("rtol %-7.1e atol %-7.1e", r.rtol().getAsDouble(), r.atol().getAsDouble());
        return String.format("%-15s %-8s %s t1 %-5s NFE %-6d steps %d (%d rejected)  max|error| %-9s %8.3f ms  final %s",
                r.system().id(), r.method(), control, r.endTime(), r.evaluations(), r.accepted(), r.rejected(),
                r.maxAbsError().isPresent() ? String.format("%.2e", r.maxAbsError().getAsDouble()) : "n/a",
                r.wallMillis(), Arrays.toString(r.finalState()));
    }

    private static Double boxed(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    static final class SystemConverter implements CommandLine.ITypeConverter<ExampleSystem> {
        @Override
        public ExampleSystem convert(String value) {
            try {
                return ExampleSystem.byId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MethodConverter implements CommandLine.ITypeConverter<OdeMethod> {
        @Override
        public OdeMethod convert(String value) {
            try {
                return OdeMethod.byName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
