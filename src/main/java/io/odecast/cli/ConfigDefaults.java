package io.odecast.cli;

import io.odecast.config.ConfigFile;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Feeds {@code odecast run}'s option defaults from the configuration file and the environment, so the
 * precedence is built-in defaults &lt; file &lt; environment &lt; flags.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final ConfigFile config;

    ConfigDefaults(ConfigFile config) {
        this.config = config;
    }

    ConfigFile config() {
        return config;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == null || !"run".equals(arg.command().name())) {
            return null;
        }
        return config.value(key(option)).orElse(null);
    }

    /** Options a file or the environment may set: not help, version, the file itself, or --kafka (use kafka.* keys). */
    static boolean configurable(OptionSpec option) {
        String name = option.longestName();
        return !option.usageHelp() && !option.versionHelp() && !name.equals("--config") && !name.equals("--kafka");
    }

    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }
}
