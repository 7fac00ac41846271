package io.odecast.train;

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
        for (GradientMethod m : values()) {
            if (m.id().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown gradient method '" + name + "'; known: backprop, adjoint");
    }
}
