package io.odecast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.forecast.Observation;
import io.odecast.train.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A series' bounded history, sorted by time. The rules for what arrives:
 * <ul>
 *   <li>out of order: inserted at its place in time;</li>
 *   <li>a duplicate time: the newer record replaces the older values (the last write wins);</li>
 *   <li>over the bound: the oldest observation is dropped.</li>
 * </ul>
 * Forecasts always start from the latest observation in time, whatever order records arrive in.
 *
 * @param series           the series id
 * @param variables        variable names, fixed by the first observation
 * @param times            observation times, increasing
 * @param values           values per observation
 * @param sinceTraining    accepted observations since the last training request
 * @param lastTrainingMillis wall-clock time of the last training request (0: never)
 */
public record SeriesHistory(String series, List<String> variables, double[] times, double[][] values,
                            int sinceTraining, long lastTrainingMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SeriesHistory {
        variables = List.copyOf(variables);
    }

    public static SeriesHistory empty(String series, List<String> variables) {
        return new SeriesHistory(series, variables, new double[0], new double[0][], 0, 0);
    }

    public int size() {
        return times.length;
    }

    /** This history with {@code o} added by the rules above, keeping at most {@code limit} observations. */
    public SeriesHistory with(Observation o, int limit) {
        int at = Arrays.binarySearch(times, o.time());
        List<Double> t = new ArrayList<>(times.length + 1);
        List<double[]> v = new ArrayList<>(times.length + 1);
        for (int i = 0; i < times.length; i++) {
            t.add(times[i]);
            v.add(values[i]);
        }
        if (at >= 0) {
            v.set(at, o.values());
        } else {
            int insert = -at - 1;
            t.add(insert, o.time());
            v.add(insert, o.values());
        }
        int drop = Math.max(0, t.size() - limit);
        double[] nt = t.subList(drop, t.size()).stream().mapToDouble(Double::doubleValue).toArray();
        double[][] nv = v.subList(drop, v.size()).toArray(double[][]::new);
        return new SeriesHistory(series, variables, nt, nv, sinceTraining + 1, lastTrainingMillis);
    }

    /** The latest observation in time. */
    public Observation latest() {
        int last = times.length - 1;
        return new Observation(series, times[last], variables, values[last]);
    }

    /** This history after a training request at {@code nowMillis}. */
    public SeriesHistory trainingRequested(long nowMillis) {
        return new SeriesHistory(series, variables, times, values, 0, nowMillis);
    }

    public Dataset dataset() {
        return new Dataset(series, variables, times, values);
    }

    public byte[] toBytes() {
        ObjectNode node = JSON.createObjectNode();
        node.put("series", series);
        node.set("variables", JSON.valueToTree(variables));
        node.set("times", JSON.valueToTree(times));
        node.set("values", JSON.valueToTree(values));
        node.put("sinceTraining", sinceTraining);
        node.put("lastTrainingMillis", lastTrainingMillis);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SeriesHistory fromBytes(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            List<String> variables = new ArrayList<>();
            n.get("variables").forEach(v -> variables.add(v.asText()));
            double[] times = JSON.treeToValue(n.get("times"), double[].class);
            double[][] values = JSON.treeToValue(n.get("values"), double[][].class);
            return new SeriesHistory(n.get("series").asText(), variables, times, values, n.get("sinceTraining").asInt(),
                    n.get("lastTrainingMillis").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt series history in the state store", e);
        }
    }
}
