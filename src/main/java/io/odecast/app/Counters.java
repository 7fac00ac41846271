package io.odecast.app;

import io.odecast.forecast.RejectReason;
import io.odecast.stream.StreamListener;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals of what the topology did, for summaries and health. */
public final class Counters implements StreamListener {

    private final AtomicLong observations = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong forecasts = new AtomicLong();
    private final AtomicLong forecastFailures = new AtomicLong();
    private final AtomicLong modelsLoaded = new AtomicLong();

    @Override
    public void observationAccepted(String series) {
        observations.incrementAndGet();
    }

    @Override
    public void deadLettered(RejectReason reason) {
        deadLetters.incrementAndGet();
    }

    @Override
    public void forecastEmitted(String series, long modelVersion, long latencyNanos) {
        forecasts.incrementAndGet();
    }

    @Override
    public void forecastFailed(String series, Exception cause) {
        forecastFailures.incrementAndGet();
    }

    @Override
    public void modelLoaded(String series, long version) {
        modelsLoaded.incrementAndGet();
    }

    public long observations() {
        return observations.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long forecasts() {
        return forecasts.get();
    }

    public long forecastFailures() {
        return forecastFailures.get();
    }

    public long modelsLoaded() {
        return modelsLoaded.get();
    }
}
