package io.odecast.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.odecast.forecast.JsonBytes;
import io.odecast.forecast.Observation;
import io.odecast.forecast.Score;
import java.io.IOException;

/**
 * An evaluation record (the optional evaluations topic): one earlier forecast scored against one new
 * observation — {@code series, method, modelVersion, issuedAt, t, lead, bucket, errors, scaled,
 * covered} (errors are observed minus forecast per variable; covered is null without an interval).
 */
final class Evaluation {

    private Evaluation() {
    }

    static byte[] toBytes(String series, Observation o, Score s) {
        return JsonBytes.write(g -> {
            g.writeStartObject();
            g.writeStringField("series", series);
            g.writeStringField("method", s.method().id());
            g.writeNumberField("modelVersion", s.modelVersion());
            g.writeNumberField("issuedAt", o.time() - s.lead());
            g.writeNumberField("t", o.time());
            g.writeNumberField("lead", s.lead());
            g.writeNumberField("bucket", s.bucket());
            field(g, "errors", o, s.errors());
            field(g, "scaled", o, s.scaled());
            if (s.covered() == null) {
                g.writeNullField("covered");
            } else {
                g.writeObjectFieldStart("covered");
                for (int v = 0; v < s.covered().length; v++) {
                    g.writeBooleanField(o.variables().get(v), s.covered()[v]);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }, 256);
    }

    private static void field(JsonGenerator g, String name, Observation o, double[] values) throws IOException {
        g.writeObjectFieldStart(name);
        for (int v = 0; v < values.length; v++) {
            if (Double.isFinite(values[v])) {
                g.writeNumberField(o.variables().get(v), values[v]);
            } else {
                g.writeNullField(o.variables().get(v));
            }
        }
        g.writeEndObject();
    }
}
