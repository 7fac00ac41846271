package io.odecast.forecast;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How the records odecast writes per observation (forecasts, evaluations) become JSON bytes: field by
 * field through Jackson's streaming generator, no tree, with Schubfach double formatting (JDK 17's
 * {@code Double.toString} dominated writing a forecast otherwise).
 */
public final class JsonBytes {

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private JsonBytes() {
    }

    /** The UTF-8 bytes {@code writer} writes; {@code sizeHint} is the expected size. */
    public static byte[] write(Writer writer, int sizeHint) {
        ByteArrayBuilder out = new ByteArrayBuilder(sizeHint);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            writer.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same as a tree, for callers that want one (tests, the HTTP port); not for the per-record path. */
    static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
