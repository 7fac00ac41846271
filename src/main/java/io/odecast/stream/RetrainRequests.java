package io.odecast.stream;

/**
 * Where the topology sends training work: never run on a stream thread. The implementation trains
 * elsewhere and publishes the result to the models topic.
 */
@FunctionalInterface
public interface RetrainRequests {

    /**
     * Asks for a model of {@code history}'s series; {@code current} is the model in use (the champion a
     * new one must beat), null when it has none. Must return at once.
     */
    void request(SeriesHistory history, PublishedModel current);
}
