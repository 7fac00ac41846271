package io.odecast.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import io.odecast.config.ConfigFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code odecast}: the top-level command. Run without a subcommand it prints its usage. */
@Command(name = "odecast",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Continuous-time forecasts with Neural ODEs on Kafka Streams.",
        subcommands = {DemoCommand.class, RunCommand.class, ConfigCommand.class, TrainCommand.class, BacktestCommand.class,
            ExamplesCommand.class,
            CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class OdecastCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs {@code odecast} with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)} with the given environment. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = commandLine(out, err);
        try {
            CommandLine run = cli.getSubcommands().get("run");
            Set<String> known = new TreeSet<>();
            for (OptionSpec option : run.getCommandSpec().options()) {
                if (ConfigDefaults.configurable(option)) {
                    known.add(ConfigDefaults.key(option));
                }
            }
            cli.setDefaultValueProvider(new ConfigDefaults(ConfigFile.load(configArgument(args), env, known)));
        } catch (IllegalArgumentException e) {
            err.println("odecast: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The value of {@code --config} wherever it stands, before picocli parses anything. */
    private static Optional<Path> configArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        return Optional.empty();
    }

    /** The one place where CLI policy is set: streams, exit codes, how errors are shown. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new OdecastCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.FAILURE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("odecast " + commandLine.getCommandName() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("odecast: " + e.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cli;
    }
}
