package io.odecast.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The service's configuration outside the command line, by precedence: built-in defaults &lt; the
 * file &lt; the environment &lt; flags. Keys are the long option names of {@code odecast run} without
 * dashes ({@code http-port=8080}); {@code kafka.*} keys are Kafka client settings
 * ({@code kafka.security.protocol=SSL}). In the environment a key is {@code ODECAST_} plus the key in
 * upper case with {@code -} and {@code .} as {@code _} ({@code ODECAST_HTTP_PORT});
 * {@code ODECAST_KAFKA_SECURITY_PROTOCOL} sets {@code kafka.security.protocol}.
 */
public final class ConfigFile {

    /** The file {@code odecast run} loads when no other is named: the documented defaults. */
    public static final Path DEFAULT_FILE = Path.of("config", "odecast.properties");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|credential|key\\.pem|keystore\\.key).*");

    private final Optional<Path> file;
    private final Map<String, String> fileValues;
    private final Map<String, String> env;

    private ConfigFile(Optional<Path> file, Map<String, String> fileValues, Map<String, String> env) {
        this.file = file;
        this.fileValues = fileValues;
        this.env = env;
    }

    /**
     * Loads {@code file} (or {@link #DEFAULT_FILE} when it exists and none is named) and checks every key
     * against {@code knownKeys}.
     *
     * @throws IllegalArgumentException naming the file and an unknown key, or an unreadable file
     */
    public static ConfigFile load(Optional<Path> named, Map<String, String> env, Set<String> knownKeys) {
        Optional<Path> file = named.or(() -> Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty());
        Map<String, String> values = new TreeMap<>();
        if (file.isPresent()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file.get())) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration " + file.get() + ": " + e.getMessage(), e);
            }
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("kafka.") && !knownKeys.contains(key)) {
                    throw new IllegalArgumentException(file.get() + ": unknown key '" + key + "'; known keys: "
                            + new java.util.TreeSet<>(knownKeys) + " and kafka.<client setting>");
                }
                String v = p.getProperty(key).trim();
                if (!v.isEmpty()) {
                    values.put(key, v);
                }
            }
        }
        return new ConfigFile(file, values, env);
    }

    public Optional<Path> file() {
        return file;
    }

    /** The value of {@code key} from the environment, else the file; empty when neither sets it. */
    public Optional<String> value(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return Optional.ofNullable(fileValues.get(key));
    }

    /** Where {@code key}'s value comes from: env, file or default. */
    public String source(String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return "env " + envName(key);
        }
        return fileValues.containsKey(key) ? "file " + file.map(Path::toString).orElse("") : "default";
    }

    /** Kafka client settings from the file and the environment (the environment wins). */
    public Map<String, String> kafka() {
        Map<String, String> out = new TreeMap<>();
        fileValues.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                out.put(k.substring("kafka.".length()), v);
            }
        });
        env.forEach((k, v) -> {
            if (k.startsWith("ODECAST_KAFKA_") && !v.isBlank()) {
                out.put(k.substring("ODECAST_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }

    /** {@code value}, or stars when {@code key} names a secret. */
    public static String masked(String key, String value) {
        return SECRET.matcher(key).matches() ? "****" : value;
    }

    static String envName(String key) {
        return "ODECAST_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
