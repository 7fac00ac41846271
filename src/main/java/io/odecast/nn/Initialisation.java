package io.odecast.nn;

import java.util.Locale;

/** How the parameters of a fresh field are drawn. */
public enum Initialisation {
    /** PyTorch's default for linear layers: weights and biases uniform in ±1/√fan_in. */
    STANDARD,
    /** The seed's gentle start: the standard weights scaled by 0.1, biases zero, so the first flow is slow. */
    SEED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Initialisation byName(String name) {
        return EnumIds.lookup(values(), Initialisation::id, name, "initialisation");
    }
}
