package io.odecast.stream;

import io.odecast.train.Dataset;
import java.util.List;

/**
 * A snapshot of a series' stored history, in time order: what a training request carries.
 *
 * @param series             the series id
 * @param variables          variable names, fixed by the series' first observation (sorted)
 * @param times              observation times, increasing
 * @param values             values per observation
 * @param sinceTraining      accepted observations since the last training request
 * @param lastTrainingMillis wall-clock time of the last training request (0: never)
 */
public record SeriesHistory(String series, List<String> variables, double[] times, double[][] values,
                            int sinceTraining, long lastTrainingMillis) {

    public SeriesHistory {
        variables = List.copyOf(variables);
        if (times.length != values.length) {
            throw new IllegalArgumentException("one row of values per time");
        }
    }

    public int size() {
        return times.length;
    }

    public Dataset dataset() {
        return new Dataset(series, variables, times, values);
    }
}
