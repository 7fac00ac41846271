package io.odecast.train;

import io.odecast.nn.EnumIds;
import java.util.Locale;

/** How a Neural ODE is fitted to a series. */
public enum TrainingMode {
    /** The seed's setup: a learnable initial state x0, one solve over the whole time axis. */
    TRAJECTORY,
    /**
     * For forecasting: windows start from observed states and integrate a few observations ahead
     * (multiple shooting), batched across windows, each window on its own time grid.
     */
    ANCHORED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrainingMode byName(String name) {
        return EnumIds.lookup(values(), TrainingMode::id, name, "mode");
    }
}
