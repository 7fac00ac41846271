package io.odecast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.forecast.Observation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The small per-series record kept beside the observations: variables, how many observations are
 * stored, the earliest stored time (scans of the series start there, past the deletions of evicted
 * observations), the latest one in time (forecasts start there), and the retraining bookkeeping.
 * Constant size, so handling a record costs the same whatever the length of the history.
 *
 * @param firstTime the earliest stored time; NaN when not known (records written before it was kept)
 */
record SeriesMeta(String series, List<String> variables, int count, double firstTime, double latestTime,
                  double[] latestValues, int sinceTraining, long lastTrainingMillis) {

    /** Reads the JSON form of earlier versions. */
    private static final ObjectMapper JSON = new ObjectMapper();

    SeriesMeta {
        variables = List.copyOf(variables);
    }

    static SeriesMeta first(Observation o) {
        return new SeriesMeta(o.series(), o.variables(), 0, Double.NaN, Double.NEGATIVE_INFINITY, new double[0], 0, 0);
    }

    Observation latest() {
        return new Observation(series, latestTime, variables, latestValues);
    }

    SeriesMeta trainingRequested(long nowMillis) {
        return new SeriesMeta(series, variables, count, firstTime, latestTime, latestValues, 0, nowMillis);
    }

    /**
     * Format of {@link #toBytes}: a version byte, then the fields in binary (the record is read per observation).
     * Version 2 added the earliest stored time after the count; version 1 records still read, with it unknown.
     */
    private static final byte BINARY_V1 = 1;
    private static final byte BINARY_V2 = 2;

    byte[] toBytes() {
        byte[] id = series.getBytes(StandardCharsets.UTF_8);
        byte[][] names = new byte[variables.size()][];
        int size = 1 + 4 + id.length + 4 + 4 + 8 + 8 + 4 + 8 * latestValues.length + 4 + 8;
        for (int v = 0; v < names.length; v++) {
            names[v] = variables.get(v).getBytes(StandardCharsets.UTF_8);
            size += 4 + names[v].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(BINARY_V2).putInt(id.length).put(id).putInt(names.length);
        for (byte[] name : names) {
            b.putInt(name.length).put(name);
        }
        b.putInt(count).putDouble(firstTime).putDouble(latestTime).putInt(latestValues.length);
        for (double x : latestValues) {
            b.putDouble(x);
        }
        return b.putInt(sinceTraining).putLong(lastTrainingMillis).array();
    }

    /** Reads {@link #toBytes}; also the JSON form earlier versions stored, so existing state stays readable. */
    static SeriesMeta fromBytes(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return fromJson(bytes);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte format = b.get();
            if (format != BINARY_V1 && format != BINARY_V2) {
                throw new IllegalStateException("unknown series record format " + bytes[0]);
            }
            String series = string(b);
            List<String> variables = new ArrayList<>();
            for (int v = b.getInt(); v > 0; v--) {
                variables.add(string(b));
            }
            int count = b.getInt();
            double firstTime = format == BINARY_V2 ? b.getDouble() : Double.NaN;
            double latestTime = b.getDouble();
            double[] latestValues = new double[b.getInt()];
            for (int v = 0; v < latestValues.length; v++) {
                latestValues[v] = b.getDouble();
            }
            return new SeriesMeta(series, variables, count, firstTime, latestTime, latestValues, b.getInt(), b.getLong());
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("corrupt series record in the state store", e);
        }
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static SeriesMeta fromJson(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            List<String> variables = new ArrayList<>();
            n.get("variables").forEach(v -> variables.add(v.asText()));
            return new SeriesMeta(n.get("series").asText(), variables, n.get("count").asInt(), Double.NaN,
                    n.get("latestTime").asDouble(), JSON.treeToValue(n.get("latestValues"), double[].class),
                    n.get("sinceTraining").asInt(), n.get("lastTrainingMillis").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt series record in the state store", e);
        }
    }
}
