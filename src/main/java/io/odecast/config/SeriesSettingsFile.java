package io.odecast.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.stream.SeriesSettings;
import io.odecast.stream.StreamSettings;
import io.odecast.train.Normaliser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-series settings from a JSON file: keys are series ids or prefixes ending in {@code *}; each
 * value may set {@code variables}, {@code transform}, {@code retrainEvery}, {@code minHistory},
 * {@code seasonalPeriod} and {@code periods} (Fourier time features of its models), the
 * rest coming from the service's defaults.
 * <pre>
 * {"hudson-bay": {"variables": ["hares", "lynx"], "transform": "log1p-zscore", "minHistory": 12},
 *  "sensor-*":   {"transform": "zscore", "retrainEvery": 50}}
 * </pre>
 */
public final class SeriesSettingsFile {

    private static final Set<String> KEYS = Set.of("variables", "transform", "retrainEvery", "minHistory",
            "seasonalPeriod", "periods");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeriesSettingsFile() {
    }

    public static Map<String, SeriesSettings> read(Path file, StreamSettings defaults) throws IOException {
        return parse(Files.readString(file), file.toString(), defaults);
    }

    /**
     * @throws IllegalArgumentException naming the file, the series and the key that is wrong
     */
    public static Map<String, SeriesSettings> parse(String json, String source, StreamSettings defaults) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must hold a JSON object of series ids to settings");
        }
        Map<String, SeriesSettings> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = source + ", series '" + entry.getKey() + "'";
            JsonNode s = entry.getValue();
            if (!s.isObject()) {
                throw new IllegalArgumentException(where + ": settings must be an object");
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "'; known keys: " + KEYS);
                }
            });
            try {
                Optional<List<String>> variables = Optional.empty();
                if (s.has("variables")) {
                    List<String> v = new ArrayList<>();
                    s.get("variables").forEach(n -> v.add(n.asText()));
                    variables = Optional.of(v);
                }
                out.put(entry.getKey(), new SeriesSettings(variables,
                        s.has("transform") ? Normaliser.Kind.byName(s.get("transform").asText()) : defaults.transform(),
                        s.has("retrainEvery") ? integer(s, "retrainEvery") : defaults.retrainEvery(),
                        s.has("minHistory") ? integer(s, "minHistory") : defaults.minHistory(),
                        s.has("seasonalPeriod") ? number(s, "seasonalPeriod") : defaults.scoring().seasonalPeriod(),
                        s.has("periods") ? numbers(s, "periods")
                                : java.util.Arrays.stream(defaults.training().periods()).boxed().toList()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<Double> numbers(JsonNode node, String key) {
        JsonNode v = node.get(key);
        List<Double> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be an array of numbers, got " + v);
        }
        for (JsonNode n : v) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException("'" + key + "' must be an array of numbers, got " + v);
            }
            out.add(n.asDouble());
        }
        return out;
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static int integer(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got " + v);
        }
        return v.asInt();
    }
}
