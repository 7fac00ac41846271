package io.odecast.stream;

import io.odecast.forecast.Forecast;
import io.odecast.forecast.ForecastCurve;
import io.odecast.forecast.Forecaster;
import io.odecast.forecast.Intervals;
import io.odecast.forecast.Observation;
import io.odecast.forecast.PendingForecast;
import io.odecast.forecast.Score;
import io.odecast.forecast.ScoreState;
import io.odecast.forecast.Scorer;
import io.odecast.forecast.ScoringSettings;
import io.odecast.forecast.ObservationParser;
import io.odecast.forecast.ParseResult;
import io.odecast.forecast.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each observation record: validate it (bad ones to the dead-letter topic with the reason), add it
 * to the series' history, forecast from the latest observed state when the series has a model, and
 * ask for retraining when the policy says so.
 */
final class ObservationProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    /** Header names on dead-letter records. */
    static final String REASON_HEADER = "odecast.reason";
    static final String DETAIL_HEADER = "odecast.detail";

    private static final Logger LOG = LoggerFactory.getLogger(ObservationProcessor.class);
    /** Series whose scoring is kept in memory, most recently seen first. */
    private static final int SCORED_SERIES = 10_000;

    /**
     * A series' scoring in memory: its state, decoded once (the store stays the truth: it is written after
     * every change), and its pending forecasts (memory only: a restart loses at most one horizon of scores).
     */
    private static final class Scoring {
        final ScoreState state;
        final Deque<PendingForecast> pending = new ArrayDeque<>();

        Scoring(ScoreState state) {
            this.state = state;
        }
    }

    private final StreamSettings settings;
    private final RetrainRequests retrain;
    private final StreamListener listener;
    private final ObservationParser parser;
    private final Forecaster forecaster;
    private final Scorer scorer;
    /** Per series, in memory: its decoded scoring state and the forecasts waiting to be scored. */
    private final Map<String, Scoring> scoring = Lru.map(SCORED_SERIES);
    private final Map<String, PublishedModel> parsedModels = new HashMap<>();
    /** Reused for every key (a processor runs on one thread); invalid UTF-8 is an error, not a replacement. */
    private final java.nio.charset.CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private ProcessorContext<byte[], byte[]> context;
    private HistoryStore history;
    private KeyValueStore<String, byte[]> forecasts;
    private KeyValueStore<String, byte[]> models;
    private KeyValueStore<String, byte[]> scores;

    ObservationProcessor(StreamSettings settings, RetrainRequests retrain, StreamListener listener) {
        this.settings = settings;
        this.retrain = retrain;
        this.listener = listener;
        this.parser = new ObservationParser(settings.maxRecordBytes());
        this.forecaster = new Forecaster(settings.horizon(), settings.forecastPoints());
        this.scorer = new Scorer(settings.scoring(), settings.horizon());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.history = new HistoryStore(context.getStateStore(OdecastTopology.HISTORY_STORE),
                context.getStateStore(OdecastTopology.SERIES_STORE));
        this.forecasts = context.getStateStore(OdecastTopology.FORECASTS_STORE);
        this.models = context.getStateStore(OdecastTopology.MODELS_STORE);
        this.scores = context.getStateStore(OdecastTopology.SCORES_STORE);
        if (!settings.retrainInterval().isZero()) {
            context.schedule(settings.retrainInterval(), PunctuationType.WALL_CLOCK_TIME, this::retrainStale);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long start = System.nanoTime();
        String series = decodeKey(record.key());
        if (series == null && record.key() != null) {
            deadLetter(record, RejectReason.BAD_KEY, "the key is not valid UTF-8");
            return;
        }
        SeriesMeta past = series == null ? null : history.meta(series);
        SeriesSettings own = series == null ? null : settings.forSeries(series);
        ParseResult result = parser.parse(series, record.value(),
                past != null ? Optional.of(past.variables()) : own == null ? Optional.empty() : own.variables());
        if (result instanceof ParseResult.Rejected rejected) {
            deadLetter(record, rejected.reason(), rejected.detail());
            return;
        }
        var observation = ((ParseResult.Accepted) result).observation();
        HistoryStore.Added added = history.add(observation, settings.historyLimit());
        SeriesMeta now = added.meta();
        listener.observationAccepted(series);

        Scoring live = scoring(series, observation.values().length);
        Scorer.Result scored = score(record, observation, past, now, own, live, added.replaced());
        ScoringSettings s = settings.scoring();
        Intervals intervals = new Intervals(s.intervalLevel(), settings.horizon() / s.buckets(),
                live.state.halfWidths(s.intervalLevel(), s.minResiduals()));
        scores.put(series, live.state.toBytes());

        PublishedModel model = model(series);
        ForecastCurve curve = model == null ? null : forecast(record, now, model, intervals, start);
        if (observation.time() == now.latestTime()) {
            double[][] first = history.first(series);
            Scorer.keep(live.pending, scorer.issue(now.latest(), model == null ? 0 : model.version(), curve,
                    intervals.halfWidths(), first[0][0], first[1]));
        }
        boolean drifted = scored.drift() && model != null && now.count() >= own.minHistory();
        if (drifted) {
            listener.driftDetected(series);
            LOG.info("series '{}': the one-step error of model v{} drifted; retraining", series, model.version());
        }
        if (drifted || dueByCount(now, model, own)) {
            retrain.request(history.history(now), model);
            history.put(now.trainingRequested(System.currentTimeMillis()));
        }
    }

    /**
     * Scores the series' pending forecasts against {@code o} (reported, and written to the evaluations
     * topic when there is one), updating its state. A correction of an observed time was scored
     * already, as the value it replaces, and is not scored again.
     */
    private Scorer.Result score(Record<byte[], byte[]> record, Observation o, SeriesMeta past, SeriesMeta now,
                                SeriesSettings own, Scoring live, boolean correction) {
        if (past != null && past.count() > 0 && o.time() > past.latestTime()) {
            live.state.observeStep(past.latestValues(), o.values());
        }
        if (correction) {
            return new Scorer.Result(List.of(), false);
        }
        String series = o.series();
        Scorer.Result scored = scorer.score(live.state, live.pending, o, now.latestTime(), own.seasonalPeriod(),
                t -> history.atOrBefore(series, t));
        for (Score score : scored.scores()) {
            listener.scored(series, score);
            if (!settings.evaluationsTopic().isEmpty()) {
                context.forward(new Record<>(record.key(), Evaluation.toBytes(series, o, score), record.timestamp()),
                        OdecastTopology.EVALUATIONS_SINK);
            }
        }
        return scored;
    }

    /** Forecasts from the series' latest state and emits it; returns its curve, or null when it failed. */
    private ForecastCurve forecast(Record<byte[], byte[]> record, SeriesMeta now, PublishedModel model,
                                   Intervals intervals, long start) {
        String series = now.series();
        try {
            Forecast forecast = forecaster.forecast(model.model(), model.version(), now.latest(), intervals);
            byte[] bytes = forecast.toBytes();
            forecasts.put(series, bytes);
            context.forward(new Record<>(record.key(), bytes, record.timestamp()), OdecastTopology.FORECASTS_SINK);
            listener.forecastEmitted(series, model.version(), System.nanoTime() - start, forecast.solver());
            return forecast.curve();
        } catch (Exception e) {
            // The observation is kept; only this forecast is lost, and the log says why.
            LOG.warn("no forecast for series '{}' from model {}: {}", series, model.version(), e.getMessage());
            listener.forecastFailed(series, e);
            return null;
        }
    }

    /**
     * The series' scoring in memory; its state read from the store when it is not, or a fresh one when
     * the store has none or the scoring settings changed its shape.
     */
    private Scoring scoring(String series, int vars) {
        Scoring live = scoring.get(series);
        if (live == null) {
            byte[] stored = scores.get(series);
            ScoreState state = stored == null ? null : ScoreState.fromBytes(stored);
            if (state == null || !state.fits(vars, settings.scoring())) {
                state = ScoreState.empty(vars, settings.scoring());
            }
            live = new Scoring(state);
            scoring.put(series, live);
        }
        return live;
    }

    private static boolean dueByCount(SeriesMeta h, PublishedModel model, SeriesSettings own) {
        if (h.count() < own.minHistory()) {
            return false;
        }
        if (model == null && h.lastTrainingMillis() == 0) {
            return true;
        }
        return own.retrainEvery() > 0 && h.sinceTraining() >= own.retrainEvery();
    }

    /** Wall-clock trigger: series with new data whose last training request is older than the interval. */
    private void retrainStale(long nowMillis) {
        long interval = settings.retrainInterval().toMillis();
        List<SeriesMeta> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = history.allSeries()) {
            while (it.hasNext()) {
                SeriesMeta m = SeriesMeta.fromBytes(it.next().value);
                if (m.sinceTraining() > 0 && m.count() >= settings.forSeries(m.series()).minHistory()
                        && nowMillis - m.lastTrainingMillis() >= interval) {
                    due.add(m);
                }
            }
        }
        for (SeriesMeta m : due) {
            PublishedModel model = model(m.series());
            retrain.request(history.history(m), model);
            history.put(m.trainingRequested(nowMillis));
        }
    }

    /** The series' model from the global store, parsed once per version. */
    private PublishedModel model(String series) {
        byte[] stored = models.get(series);
        if (stored == null) {
            return null;
        }
        long version = ModelLoader.version(stored);
        PublishedModel cached = parsedModels.get(series);
        if (cached == null || cached.version() != version) {
            cached = PublishedModel.fromBytes(series, ModelLoader.modelBytes(stored));
            parsedModels.put(series, cached);
        }
        return cached;
    }

    private void deadLetter(Record<byte[], byte[]> record, RejectReason reason, String detail) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, reason.id().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
                OdecastTopology.DEAD_LETTERS_SINK);
        listener.deadLettered(reason);
    }

    private String decodeKey(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return strictUtf8.reset().decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
