package io.odecast.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers for the commands' {@code --json} output. */
final class JsonOut {

    private JsonOut() {
    }

    /** {@code name: v}, or {@code name: null} when there was nothing to measure (NaN or infinite). */
    static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }
}
