package io.odecast.stream;

import io.odecast.train.Normaliser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one series (or a family of series) is allowed and how it is trained, overriding the defaults
 * of {@link StreamSettings}.
 *
 * @param variables    the variables its observations must carry, in state order; empty: fixed by its
 *                     first observation (sorted)
 * @param transform    value transform of its models
 * @param retrainEvery retrain after this many new observations (0: never by count)
 * @param minHistory   observations needed before its first model
 * @param seasonalPeriod its seasonal-naive baseline's period, in its time unit (0: that baseline off)
 * @param periods      Fourier time-feature periods of its models' vector field (empty: autonomous)
 */
public record SeriesSettings(Optional<List<String>> variables, Normaliser.Kind transform, int retrainEvery,
                             int minHistory, double seasonalPeriod, List<Double> periods) {

    public SeriesSettings {
        Objects.requireNonNull(variables);
        Objects.requireNonNull(transform);
        variables = variables.map(List::copyOf);
        if (variables.isPresent() && (variables.get().isEmpty()
                || variables.get().stream().distinct().count() != variables.get().size())) {
            throw new IllegalArgumentException("series variables must be distinct and at least one, got " + variables.get());
        }
        if (retrainEvery < 0 || minHistory < 3) {
            throw new IllegalArgumentException("need retrainEvery >= 0 and minHistory >= 3");
        }
        periods = List.copyOf(periods);
        for (double p : periods) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("time-feature periods must be finite and > 0, got " + periods);
            }
        }
        if (!(seasonalPeriod >= 0) || Double.isInfinite(seasonalPeriod)) {
            throw new IllegalArgumentException("the seasonal period must be finite and >= 0, got " + seasonalPeriod);
        }
    }

    /** These settings with another seasonal-naive period. */
    public SeriesSettings withSeasonalPeriod(double period) {
        return new SeriesSettings(variables, transform, retrainEvery, minHistory, period, periods);
    }

    /** {@link #periods} as the training configuration takes them. */
    public double[] periodArray() {
        return periods.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
