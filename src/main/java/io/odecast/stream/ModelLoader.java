package io.odecast.stream;

import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global models store in step with the models topic: every instance sees every model, and
 * a restart reads them back from the (compacted) topic. A model that does not load is logged and
 * skipped, so the previous one stays in use. Stored as the 8-byte version, then the model file.
 */
final class ModelLoader implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final StreamListener listener;
    private KeyValueStore<String, byte[]> models;

    ModelLoader(StreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        models = context.getStateStore(OdecastTopology.MODELS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            if (record.key() != null) {
                models.delete(record.key());
            }
            return;
        }
        PublishedModel model;
        try {
            model = PublishedModel.fromBytes(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("ignoring an unreadable model for series '{}': {}", record.key(), e.getMessage());
            return;
        }
        byte[] current = models.get(record.key());
        if (current != null && version(current) >= model.version()) {
            return;
        }
        models.put(record.key(), ByteBuffer.allocate(8 + record.value().length).putLong(model.version())
                .put(record.value()).array());
        listener.modelLoaded(record.key(), model.version(), record.timestamp());
    }

    static long version(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, 8).getLong();
    }

    static byte[] modelBytes(byte[] stored) {
        return java.util.Arrays.copyOfRange(stored, 8, stored.length);
    }
}
