package io.odecast.app;

import io.odecast.stream.PublishedModel;
import io.odecast.stream.RetrainListener;
import io.odecast.stream.RetrainRequests;
import io.odecast.stream.SeriesHistory;
import io.odecast.stream.SeriesSettings;
import io.odecast.stream.StreamSettings;
import io.odecast.train.Trainer;
import io.odecast.train.TrainingConfig;
import io.odecast.train.TrainingMode;
import io.odecast.train.TrainingResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains models off the stream threads: a bounded pool with a bounded queue, at most one training
 * per series at a time, each within a wall-clock budget. A finished model is handed to the publisher
 * (the models topic) and takes effect when read back from it; a failed or diverged training keeps the
 * previous model and logs why. Requests beyond the queue are dropped: the next trigger asks again.
 */
public final class RetrainingService implements RetrainRequests, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingService.class);

    private final StreamSettings settings;
    private final Consumer<PublishedModel> publisher;
    private final RetrainListener listener;
    private final ThreadPoolExecutor pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, TrainingStatus> last = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A series' training as the live page shows it.
     *
     * @param running            a training is queued or running now
     * @param lastOutcome        how the last training ended (published, failed, dropped); null before the first
     * @param lastEpochs         epochs of the last training
     * @param lastValidationLoss its best validation loss (NaN when it failed)
     * @param lastFinishedMillis when it ended (wall clock; 0 before the first)
     */
    public record TrainingStatus(boolean running, String lastOutcome, int lastEpochs, double lastValidationLoss,
                                 long lastFinishedMillis) {
    }

    public RetrainingService(StreamSettings settings, int threads, int queue, Consumer<PublishedModel> publisher,
                             RetrainListener listener) {
        this.settings = settings;
        this.publisher = publisher;
        this.listener = new RetrainListener() {
            @Override
            public void trainingEnded(String series, Outcome outcome, long nanos, int epochs, double loss) {
                last.put(series, new TrainingStatus(false, outcome.name().toLowerCase(java.util.Locale.ROOT), epochs,
                        loss, System.currentTimeMillis()));
                listener.trainingEnded(series, outcome, nanos, epochs, loss);
            }
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "odecast-training");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    @Override
    public void request(SeriesHistory history, PublishedModel current) {
        if (closed.get() || !inFlight.add(history.series())) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    train(history, current);
                } finally {
                    inFlight.remove(history.series());
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(history.series());
            listener.trainingEnded(history.series(), RetrainListener.Outcome.DROPPED, 0, 0, Double.NaN);
            LOG.info("training queue full; series '{}' will be retrained at its next trigger", history.series());
        }
    }

    private void train(SeriesHistory history, PublishedModel current) {
        long currentVersion = current == null ? 0 : current.version();
        long start = System.nanoTime();
        long deadline = start + settings.trainingBudget().toNanos();
        // Streaming models forecast from the latest observed state, and never see the held-out tail's statistics.
        SeriesSettings own = settings.forSeries(history.series());
        TrainingConfig config = settings.training().withMode(TrainingMode.ANCHORED)
                .withNormaliser(own.transform(), false).withPeriods(own.periodArray());
        try {
            TrainingResult result = Trainer.train(history.dataset(), config, io.odecast.train.TrainingListener.NONE,
                    () -> closed.get() || System.nanoTime() > deadline);
            if (!Double.isFinite(result.evaluation().testMse())) {
                throw new IllegalStateException("the trained model's validation error is not finite");
            }
            if (current != null) {
                // Champion/challenger: the new model replaces the one in use only if it forecasts the
                // validation tail (one step ahead, from each observed state) at least as well.
                int from = Math.max(1, (int) Math.floor(history.size() * config.trainFraction()));
                double champion = ChampionChallenger.oneStepError(current.model(), history, from);
                double challenger = ChampionChallenger.oneStepError(result.model(), history, from);
                if (!(challenger <= champion) && Double.isFinite(champion)) {
                    listener.trainingEnded(history.series(), RetrainListener.Outcome.REJECTED, System.nanoTime() - start,
                            result.epochs(), result.evaluation().testMse());
                    LOG.info("series '{}': challenger not published, model v{} stays (one-step scaled error on the last {} "
                                    + "observations: challenger {} vs {})", history.series(), currentVersion,
                            history.size() - from, String.format("%.4f", challenger), String.format("%.4f", champion));
                    return;
                }
            }
            publisher.accept(new PublishedModel(history.series(), currentVersion + 1, result.model()));
            listener.trainingEnded(history.series(), RetrainListener.Outcome.PUBLISHED, System.nanoTime() - start,
                    result.epochs(), result.evaluation().testMse());
            LOG.info("series '{}': model v{} trained on {} observations in {} ms ({} epochs, validation MSE {})",
                    history.series(), currentVersion + 1, history.size(), Math.round(result.wallMillis()),
                    result.epochs(), String.format("%.4f", result.evaluation().testMse()));
        } catch (RuntimeException e) {
            listener.trainingEnded(history.series(), RetrainListener.Outcome.FAILED, System.nanoTime() - start, 0,
                    Double.NaN);
            LOG.warn("series '{}': training failed, keeping model v{}: {}", history.series(), currentVersion, e.getMessage());
        }
    }

    /** This instance's view of a series' training: running now, and how the last one ended. */
    public TrainingStatus status(String series) {
        TrainingStatus l = last.get(series);
        boolean running = inFlight.contains(series);
        return l == null ? new TrainingStatus(running, null, 0, Double.NaN, 0)
                : new TrainingStatus(running, l.lastOutcome(), l.lastEpochs(), l.lastValidationLoss(), l.lastFinishedMillis());
    }

    /** Waits until no training is queued or running (the backtest trains between observations). */
    public void awaitIdle() {
        while (!inFlight.isEmpty()) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Trainings running or queued. */
    public int pending() {
        return inFlight.size();
    }

    @Override
    public void close() {
        closed.set(true);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
