package io.odecast.nn;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looking an enum constant up by the id users write, with an error that lists the ids there are. */
public final class EnumIds {

    private EnumIds() {
    }

    /**
     * The constant of {@code values} whose id equals {@code name}, ignoring case.
     *
     * @param what what the ids name, for the error ("activation", "loss", ...)
     * @throws IllegalArgumentException "unknown WHAT 'NAME'; known: id1, id2, ..."
     */
    public static <E extends Enum<E>> E lookup(E[] values, Function<E, String> id, String name, String what) {
        for (E value : values) {
            if (id.apply(value).equalsIgnoreCase(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; known: "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
    }
}
