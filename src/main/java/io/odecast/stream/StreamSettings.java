package io.odecast.stream;

import io.odecast.forecast.ScoringSettings;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the topology needs to know: topic names, forecast horizon, history bound, retraining policy.
 *
 * @param observationsTopic  observations in (key = series id)
 * @param forecastsTopic     forecasts out
 * @param modelsTopic        published models, compacted (key = series id)
 * @param deadLettersTopic   rejected records with their reason
 * @param horizon            forecast horizon, in the series' time unit
 * @param forecastPoints     sampled points per forecast, the start included
 * @param maxRecordBytes     largest accepted observation value
 * @param historyLimit       most observations kept per series (the oldest go first)
 * @param retrainEvery       retrain after this many new observations (0: never by count)
 * @param retrainInterval    also retrain when this much wall-clock time has passed with new data (zero: never by time)
 * @param minHistory         fewest observations a series needs before its first training
 * @param transform          value transform of the models trained on the stream
 * @param training           the rest of the training configuration
 * @param trainingBudget     wall-clock budget of one training run
 * @param series             per-series overrides: an exact series id, or a prefix ending in {@code *}
 *                           (the longest matching prefix wins over shorter ones; an exact id over any prefix)
 * @param scoring            prequential scoring, baselines, intervals and drift detection
 * @param evaluationsTopic   where every scored forecast is also written; empty: nowhere (metrics only)
 */
public record StreamSettings(
        String observationsTopic,
        String forecastsTopic,
        String modelsTopic,
        String deadLettersTopic,
        double horizon,
        int forecastPoints,
        int maxRecordBytes,
        int historyLimit,
        int retrainEvery,
        Duration retrainInterval,
        int minHistory,
        Normaliser.Kind transform,
        TrainingConfig training,
        Duration trainingBudget,
        Map<String, SeriesSettings> series,
        ScoringSettings scoring,
        String evaluationsTopic) {

    public StreamSettings {
        Objects.requireNonNull(observationsTopic);
        Objects.requireNonNull(forecastsTopic);
        Objects.requireNonNull(modelsTopic);
        Objects.requireNonNull(deadLettersTopic);
        Objects.requireNonNull(retrainInterval);
        Objects.requireNonNull(transform);
        Objects.requireNonNull(training);
        Objects.requireNonNull(trainingBudget);
        Objects.requireNonNull(scoring);
        Objects.requireNonNull(evaluationsTopic);
        series = Map.copyOf(series);
        if (!(horizon > 0) || forecastPoints < 2 || maxRecordBytes < 16 || historyLimit < 2 || retrainEvery < 0
                || minHistory < 3 || minHistory > historyLimit) {
            throw new IllegalArgumentException("stream settings out of range: need horizon > 0, forecastPoints >= 2, "
                    + "maxRecordBytes >= 16, 3 <= minHistory <= historyLimit, retrainEvery >= 0");
        }
    }

    /**
     * The defaults: topics odecast.*, 10-unit horizon in 21 points, 1000 observations kept, retrain every 20;
     * the seed's network and optimiser without its time features (their periods, 8 and 11 years, belong to
     * the hare-lynx data; a stream's own cycles are set with --periods or per series).
     */
    public static StreamSettings defaults() {
        return new StreamSettings("odecast.observations", "odecast.forecasts", "odecast.models",
                "odecast.dead-letters", 10.0, 21, 64 * 1024, 1000, 20, Duration.ofMinutes(10), 12,
                Normaliser.Kind.ZSCORE, TrainingConfig.SEED.withPeriods(), Duration.ofSeconds(30), Map.of(), ScoringSettings.defaults(), "");
    }

    public StreamSettings withTopics(String observations, String forecasts, String models, String deadLetters) {
        return new StreamSettings(observations, forecasts, models, deadLetters, horizon, forecastPoints, maxRecordBytes,
                historyLimit, retrainEvery, retrainInterval, minHistory, transform, training, trainingBudget, series, scoring, evaluationsTopic);
    }

    public StreamSettings withRetraining(int every, Duration interval, int minimumHistory, Duration budget) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, horizon,
                forecastPoints, maxRecordBytes, historyLimit, every, interval, minimumHistory, transform, training, budget,
                series, scoring, evaluationsTopic);
    }

    public StreamSettings withForecast(double h, int points) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, h, points,
                maxRecordBytes, historyLimit, retrainEvery, retrainInterval, minHistory, transform, training, trainingBudget, series, scoring, evaluationsTopic);
    }

    /** These settings with per-series overrides (see the record's {@code series} parameter). */
    public StreamSettings withSeries(Map<String, SeriesSettings> overrides) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, horizon,
                forecastPoints, maxRecordBytes, historyLimit, retrainEvery, retrainInterval, minHistory, transform, training,
                trainingBudget, overrides, scoring, evaluationsTopic);
    }

    /** The settings that apply to {@code id}: its own, else the longest matching prefix pattern, else the defaults. */
    public SeriesSettings forSeries(String id) {
        SeriesSettings exact = series.get(id);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String pattern : series.keySet()) {
            if (pattern.endsWith("*") && id.startsWith(pattern.substring(0, pattern.length() - 1))
                    && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best != null ? series.get(best)
                : new SeriesSettings(java.util.Optional.empty(), transform, retrainEvery, minHistory, scoring.seasonalPeriod(),
                        java.util.Arrays.stream(training.periods()).boxed().toList());
    }

    public StreamSettings withTraining(TrainingConfig config, Normaliser.Kind kind) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, horizon,
                forecastPoints, maxRecordBytes, historyLimit, retrainEvery, retrainInterval, minHistory, kind, config,
                trainingBudget, series, scoring, evaluationsTopic);
    }

    public StreamSettings withScoring(ScoringSettings settings) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, horizon,
                forecastPoints, maxRecordBytes, historyLimit, retrainEvery, retrainInterval, minHistory, transform, training,
                trainingBudget, series, settings, evaluationsTopic);
    }

    /** Also writes every scored forecast to {@code topic} (empty: metrics only). */
    public StreamSettings withEvaluationsTopic(String topic) {
        return new StreamSettings(observationsTopic, forecastsTopic, modelsTopic, deadLettersTopic, horizon,
                forecastPoints, maxRecordBytes, historyLimit, retrainEvery, retrainInterval, minHistory, transform, training,
                trainingBudget, series, scoring, topic);
    }
}
