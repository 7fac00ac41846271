package io.odecast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.forecast.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The small per-series record kept beside the observations: variables, how many observations are
 * stored, the latest one in time (forecasts start there), and the retraining bookkeeping. Constant
 * size, so handling a record costs the same whatever the length of the history.
 */
record SeriesMeta(String series, List<String> variables, int count, double latestTime, double[] latestValues,
                  int sinceTraining, long lastTrainingMillis) {

    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    SeriesMeta {
        variables = List.copyOf(variables);
    }

    static SeriesMeta first(Observation o) {
        return new SeriesMeta(o.series(), o.variables(), 0, Double.NEGATIVE_INFINITY, new double[0], 0, 0);
    }

    Observation latest() {
        return new Observation(series, latestTime, variables, latestValues);
    }

    SeriesMeta trainingRequested(long nowMillis) {
        return new SeriesMeta(series, variables, count, latestTime, latestValues, 0, nowMillis);
    }

    byte[] toBytes() {
        ObjectNode n = JSON.createObjectNode();
        n.put("series", series);
        n.set("variables", JSON.valueToTree(variables));
        n.put("count", count);
        n.put("latestTime", latestTime);
        n.set("latestValues", JSON.valueToTree(latestValues));
        n.put("sinceTraining", sinceTraining);
        n.put("lastTrainingMillis", lastTrainingMillis);
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeriesMeta fromBytes(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            List<String> variables = new ArrayList<>();
            n.get("variables").forEach(v -> variables.add(v.asText()));
            return new SeriesMeta(n.get("series").asText(), variables, n.get("count").asInt(),
                    n.get("latestTime").asDouble(), JSON.treeToValue(n.get("latestValues"), double[].class),
                    n.get("sinceTraining").asInt(), n.get("lastTrainingMillis").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt series record in the state store", e);
        }
    }
}
