package io.odecast.ode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The registry of solver methods: one name, one tableau. */
public enum OdeMethod {
    EULER(Tableaux.EULER),
    MIDPOINT(Tableaux.MIDPOINT),
    RK4(Tableaux.RK4),
    BOSH3(Tableaux.BOSH3),
    DOPRI5(Tableaux.DOPRI5);

    private final ButcherTableau tableau;

    OdeMethod(ButcherTableau tableau) {
        this.tableau = tableau;
    }

    /** The name users write, e.g. {@code "dopri5"}. */
    public String id() {
        return tableau.name();
    }

    public ButcherTableau tableau() {
        return tableau;
    }

    /** Whether the method controls its own step size (otherwise it needs a fixed step size). */
    public boolean adaptive() {
        return tableau.adaptive();
    }

    /**
     * Looks a method up by name, ignoring case.
     *
     * @throws IllegalArgumentException naming the known methods when {@code name} is not one
     */
    public static OdeMethod byName(String name) {
        for (OdeMethod m : values()) {
            if (m.id().equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown ODE method '" + name + "'; known methods: " + names());
    }

    /** The known names, comma separated, in registry order. */
    public static String names() {
        return Arrays.stream(values()).map(OdeMethod::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
