package io.odecast.stream;

import io.odecast.forecast.ObservationParser;
import io.odecast.forecast.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Benchmark-only topologies that do part of odecast's work per record, to tell where the throughput
 * goes: each forwards every input record unchanged (so its output is the pass-through's) after doing
 * its share of the production path with the production classes.
 * <ul>
 *   <li>{@link #parse}: validates the observation's JSON ({@link ObservationParser});</li>
 *   <li>{@link #persist}: that, and adds it to the series' history in the production stores
 *       ({@link HistoryStore}: the series' last chunk and its record, both folded by the record cache
 *       into one store write and one changelog record per commit).</li>
 * </ul>
 * The full path adds scoring, the forecast solve and its JSON, and the scores and latest-forecast stores.
 */
public final class StageTopologies {

    private StageTopologies() {
    }

    public static Topology parse(String in, String out) {
        return topology(in, out, false);
    }

    public static Topology persist(String in, String out) {
        return topology(in, out, true);
    }

    private static Topology topology(String in, String out, boolean persist) {
        Topology t = new Topology();
        t.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), in);
        t.addProcessor("stage", () -> new Stage(persist), "in");
        if (persist) {
            t.addStateStore(OdecastTopology.historyStore(), "stage");
            t.addStateStore(OdecastTopology.seriesStore(), "stage");
        }
        t.addSink("out", out, new ByteArraySerializer(), new ByteArraySerializer(), "stage");
        return t;
    }

    private static final class Stage implements Processor<byte[], byte[], byte[], byte[]> {
        private final boolean persist;
        private final ObservationParser parser = new ObservationParser(StreamSettings.defaults().maxRecordBytes());
        private final int historyLimit = StreamSettings.defaults().historyLimit();
        private ProcessorContext<byte[], byte[]> context;
        private HistoryStore history;

        Stage(boolean persist) {
            this.persist = persist;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            if (persist) {
                history = new HistoryStore(context.getStateStore(OdecastTopology.HISTORY_STORE),
                        context.getStateStore(OdecastTopology.SERIES_STORE));
            }
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String series = new String(record.key(), StandardCharsets.UTF_8);
            SeriesMeta past = persist ? history.meta(series) : null;
            ParseResult result = parser.parse(series, record.value(),
                    past == null ? Optional.empty() : Optional.of(past.variables()));
            if (!(result instanceof ParseResult.Accepted accepted)) {
                throw new IllegalStateException("the benchmark's observations are valid: " + result);
            }
            if (persist) {
                history.add(accepted.observation(), historyLimit);
            }
            context.forward(record);
        }
    }
}
