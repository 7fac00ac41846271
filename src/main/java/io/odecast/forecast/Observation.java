package io.odecast.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One accepted measurement of a series.
 *
 * @param series    the series id (the record key)
 * @param time      event time in the series' own unit (ISO-8601 timestamps become epoch seconds)
 * @param variables variable names, in state order
 * @param values    one finite value per variable
 */
public record Observation(String series, double time, List<String> variables, double[] values) {

    public Observation {
        Objects.requireNonNull(series, "series");
        variables = List.copyOf(variables);
        values = values.clone();
        if (variables.size() != values.length) {
            throw new IllegalArgumentException("one value per variable");
        }
        if (!Double.isFinite(time) || Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("time and values must be finite");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int i) {
        return values[i];
    }
}
