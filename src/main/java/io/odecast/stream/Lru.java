package io.odecast.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded in-memory caches of per-series state for one stream task: most recently used first. */
final class Lru {

    private Lru() {
    }

    /** A map that keeps at most {@code max} entries, dropping the least recently used one beyond that. */
    static <K, V> Map<K, V> map(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
