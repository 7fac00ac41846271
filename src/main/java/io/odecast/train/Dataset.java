package io.odecast.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multivariate time series: {@code values[i][v]} is variable {@code v} observed at {@code times[i]}.
 * Times must not decrease; spacing may be irregular.
 */
public record Dataset(String name, List<String> variables, double[] times, double[][] values) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        variables = List.copyOf(variables);
        times = times.clone();
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException(name + ": no variables");
        }
        if (times.length != values.length) {
            throw new IllegalArgumentException(name + ": " + times.length + " times but " + values.length + " rows");
        }
        if (times.length < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 observations, got " + times.length);
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException(name + ": time of row " + i + " is " + times[i]);
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException(name + ": times must not decrease, row " + i + " (" + times[i]
                        + ") comes before row " + (i - 1) + " (" + times[i - 1] + ")");
            }
            if (values[i].length != variables.size()) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + values[i].length + " values for "
                        + variables.size() + " variables");
            }
            for (int v = 0; v < values[i].length; v++) {
                if (!Double.isFinite(values[i][v])) {
                    throw new IllegalArgumentException(name + ": " + variables.get(v) + " at row " + i + " is " + values[i][v]);
                }
            }
        }
    }

    public int size() {
        return times.length;
    }

    public int dimension() {
        return variables.size();
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    public double time(int i) {
        return times[i];
    }

    public double value(int i, int variable) {
        return values[i][variable];
    }
}
