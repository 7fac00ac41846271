package io.odecast.cli;

import io.odecast.config.ConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast config}: the effective configuration of {@code odecast run}, with where each value comes from. */
@Command(name = "config",
        description = "Print the effective configuration of 'odecast run' (defaults < file < environment), secrets masked.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true)
final class ConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file; default config/odecast.properties when it exists.")
    private Path configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFile config = ((ConfigDefaults) spec.root().commandLine().getDefaultValueProvider()).config();
        out.println("# effective configuration of 'odecast run'" + config.file().map(f -> ", file " + f).orElse(", no file"));
        CommandLine run = spec.root().commandLine().getSubcommands().get("run");
        for (OptionSpec option : run.getCommandSpec().options()) {
            if (!ConfigDefaults.configurable(option)) {
                continue;
            }
            String key = ConfigDefaults.key(option);
            Object initial = option.initialValue();
            String builtIn = initial == null || (initial instanceof java.util.Map<?, ?> m && m.isEmpty()) ? ""
                    : initial instanceof double[] list ? java.util.Arrays.stream(list).mapToObj(Double::toString)
                            .collect(java.util.stream.Collectors.joining(","))
                    : initial.toString();
            String value = config.value(key).orElse(builtIn);
            out.printf("%s=%s   # %s%n", key, ConfigFile.masked(key, value), config.source(key));
        }
        config.kafka().forEach((k, v) -> out.printf("kafka.%s=%s%n", k, ConfigFile.masked(k, v)));
        return ExitCodes.OK;
    }
}
