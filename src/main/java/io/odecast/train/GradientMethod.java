package io.odecast.train;

import io.odecast.nn.EnumIds;
import java.util.Locale;

/** How gradients are taken through the solver. */
public enum GradientMethod {
    /** Reverse mode through the recorded solver steps: exact for the discrete solution. */
    BACKPROP,
    /** The adjoint method: a backward solve; memory flat in the number of steps. */
    ADJOINT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GradientMethod byName(String name) {
        return EnumIds.lookup(values(), GradientMethod::id, name, "gradient method");
    }
}
