package io.odecast.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * What the meters may cost in cardinality.
 *
 * @param seriesTags   also export per-series meters (tag {@code series}); off by default
 * @param seriesLimit  at most this many series get their own tag; later series are counted under
 *                     {@code series="_other"} and have no per-series gauges
 * @param activeWindow a series counts as active while its last accepted observation is this recent
 */
public record MetricsSettings(boolean seriesTags, int seriesLimit, Duration activeWindow) {

    /** The tag value of every series past the limit. */
    public static final String OTHER_SERIES = "_other";

    public MetricsSettings {
        Objects.requireNonNull(activeWindow, "activeWindow");
        if (seriesLimit < 1) {
            throw new IllegalArgumentException("the per-series tag limit must be >= 1, got " + seriesLimit);
        }
        if (activeWindow.isNegative() || activeWindow.isZero()) {
            throw new IllegalArgumentException("the active-series window must be > 0, got " + activeWindow);
        }
    }

    /** No per-series tags (limit 100 when enabled); active means an observation in the last 10 minutes. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(false, 100, Duration.ofMinutes(10));
    }
}
