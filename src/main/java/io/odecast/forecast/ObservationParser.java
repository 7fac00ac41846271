package io.odecast.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an observation record (key = series id, value = JSON) into an {@link Observation}, or says
 * exactly why it cannot. The value is
 * <pre>{"t": 1903.0, "values": {"hares": 77.4, "lynx": 35.2}}</pre>
 * or, with a timestamp (converted to epoch seconds), {@code {"time": "2026-12-04T10:15:30Z", "values": {...}}}.
 * Variables are checked against the series' configured variables when they are known; otherwise the
 * first observation's variables (in sorted order) define the series.
 */
public final class ObservationParser {

    /** Default limit on a record's value size. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Longest series id accepted. */
    public static final int MAX_KEY_LENGTH = 256;

    private final ObjectMapper json;
    private final int maxBytes;

    public ObservationParser(int maxBytes) {
        if (maxBytes < 16) {
            throw new IllegalArgumentException("maxBytes must be >= 16, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        this.json = new ObjectMapper(factory);
    }

    public ObservationParser() {
        this(DEFAULT_MAX_BYTES);
    }

    /**
     * @param key       the record key (series id); may be null
     * @param value     the record value bytes; may be null
     * @param variables the series' variables when known, in state order
     */
    public ParseResult parse(String key, byte[] value, Optional<List<String>> variables) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return new ParseResult.Rejected(RejectReason.BAD_KEY,
                    key == null ? "the record has no key: the key is the series id"
                            : "series id must be 1 to " + MAX_KEY_LENGTH + " characters and not blank");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            return new ParseResult.Rejected(RejectReason.BAD_KEY, "series id must not contain control characters");
        }
        if (value == null) {
            return new ParseResult.Rejected(RejectReason.UNPARSABLE, "the record has no value");
        }
        if (value.length > maxBytes) {
            return new ParseResult.Rejected(RejectReason.OVERSIZED,
                    "value is " + value.length + " bytes; the limit is " + maxBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected(RejectReason.UNPARSABLE, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParseResult.Rejected(RejectReason.UNPARSABLE, "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Rejected(RejectReason.UNPARSABLE, "the value must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        double time;
        JsonNode t = root.get("t");
        JsonNode timestamp = root.get("time");
        if (t != null && timestamp != null) {
            return new ParseResult.Rejected(RejectReason.BAD_TIME, "give either \"t\" (a number) or \"time\" (ISO-8601), not both");
        }
        if (t != null) {
            if (!t.isNumber()) {
                return new ParseResult.Rejected(RejectReason.BAD_TIME, "\"t\" must be a number, got " + t);
            }
            time = t.asDouble();
            if (!Double.isFinite(time)) {
                return new ParseResult.Rejected(RejectReason.BAD_TIME, "\"t\" is not finite: " + t);
            }
        } else if (timestamp != null) {
            Optional<Double> parsed = timestamp.isTextual() ? epochSeconds(timestamp.asText()) : Optional.empty();
            if (parsed.isEmpty()) {
                return new ParseResult.Rejected(RejectReason.BAD_TIME,
                        "\"time\" must be an ISO-8601 timestamp with an offset, e.g. 2026-12-04T10:15:30Z; got " + timestamp);
            }
            time = parsed.get();
        } else {
            return new ParseResult.Rejected(RejectReason.BAD_TIME, "no time: give \"t\" (a number) or \"time\" (ISO-8601)");
        }
        JsonNode valuesNode = root.get("values");
        if (valuesNode == null || !valuesNode.isObject() || valuesNode.isEmpty()) {
            return new ParseResult.Rejected(valuesNode == null || valuesNode.isObject() ? RejectReason.MISSING_VARIABLE
                    : RejectReason.WRONG_TYPE, "\"values\" must be an object of variable names to numbers");
        }
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual() && isNonFiniteWord(v.asText())) {
                return new ParseResult.Rejected(RejectReason.NON_FINITE, "\"" + e.getKey() + "\" is " + v.asText());
            }
            if (!v.isNumber()) {
                return new ParseResult.Rejected(RejectReason.WRONG_TYPE, "\"" + e.getKey() + "\" must be a number, got " + v);
            }
            if (!Double.isFinite(v.asDouble())) {
                return new ParseResult.Rejected(RejectReason.NON_FINITE, "\"" + e.getKey() + "\" is " + v.asDouble()
                        + " (out of range for a double)");
            }
            names.add(e.getKey());
        }
        List<String> expected = variables.orElseGet(() -> names.stream().sorted().toList());
        for (String name : names) {
            if (!expected.contains(name)) {
                return new ParseResult.Rejected(RejectReason.UNKNOWN_VARIABLE, "series '" + key + "' has no variable \""
                        + name + "\"; its variables are " + expected);
            }
        }
        double[] values = new double[expected.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = valuesNode.get(expected.get(i));
            if (v == null) {
                return new ParseResult.Rejected(RejectReason.MISSING_VARIABLE, "series '" + key + "' needs \""
                        + expected.get(i) + "\"; its variables are " + expected);
            }
            values[i] = v.asDouble();
        }
        return new ParseResult.Accepted(new Observation(key, time, expected, values));
    }

    /** Convenience for text values. */
    public ParseResult parse(String key, String value, Optional<List<String>> variables) {
        return parse(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), variables);
    }

    private static Optional<Double> epochSeconds(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return Optional.of(instant.getEpochSecond() + instant.getNano() / 1e9);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isNonFiniteWord(String s) {
        String lower = s.trim().toLowerCase();
        return lower.equals("nan") || lower.equals("infinity") || lower.equals("-infinity") || lower.equals("inf")
                || lower.equals("-inf");
    }
}
