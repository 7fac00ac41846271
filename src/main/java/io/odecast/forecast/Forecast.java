package io.odecast.forecast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.ode.SolverStats;
import java.util.Arrays;
import java.util.Objects;

/**
 * A forecast record: issued for a series from its latest observation, by one model version, with
 * values sampled on the horizon grid and the continuous curve (docs/schemas/forecast.schema.json).
 *
 * @param series       the series id
 * @param modelVersion the model that made it
 * @param issuedAt     time of the observation it starts from, in the series' time
 * @param times        sampled times, from {@code issuedAt} to the horizon
 * @param values       {@code values[i][v]}: variable v at {@code times[i]}
 * @param curve        the forecast at any time in {@code [issuedAt, last sampled time]}
 * @param solver       what the solve behind it cost (for metrics; not part of the record's JSON)
 * @param intervals    prediction intervals, or null before enough errors are known
 */
public record Forecast(String series, long modelVersion, double issuedAt, double[] times, double[][] values,
                       ForecastCurve curve, SolverStats solver, Intervals intervals) {

    public Forecast {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(solver, "solver");
        times = times.clone();
        values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        if (times.length != values.length) {
            throw new IllegalArgumentException("one row of values per sampled time");
        }
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] values() {
        return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
    }

    /** The JSON form as UTF-8 bytes: the value of a forecast record, written field by field (no tree). */
    public byte[] toBytes() {
        return JsonBytes.write(this::writeTo, 2048);
    }

    public ObjectNode toJson() {
        return JsonBytes.tree(toBytes());
    }

    private void writeTo(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("series", series);
        g.writeNumberField("modelVersion", modelVersion);
        g.writeNumberField("issuedAt", issuedAt);
        g.writeArrayFieldStart("points");
        for (int i = 0; i < times.length; i++) {
            g.writeStartObject();
            g.writeNumberField("t", times[i]);
            g.writeObjectFieldStart("values");
            for (int k = 0; k < curve.variables().size(); k++) {
                g.writeNumberField(curve.variables().get(k), values[i][k]);
            }
            g.writeEndObject();
            double[] hw = intervals == null ? null : intervals.at(times[i] - issuedAt);
            if (hw != null) {
                g.writeObjectFieldStart("lower");
                for (int k = 0; k < hw.length; k++) {
                    g.writeNumberField(curve.variables().get(k), values[i][k] - hw[k]);
                }
                g.writeEndObject();
                g.writeObjectFieldStart("upper");
                for (int k = 0; k < hw.length; k++) {
                    g.writeNumberField(curve.variables().get(k), values[i][k] + hw[k]);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (intervals != null) {
            g.writeObjectFieldStart("intervals");
            g.writeNumberField("level", intervals.level());
            g.writeNumberField("bucketWidth", intervals.bucketWidth());
            g.writeArrayFieldStart("halfWidths");
            for (double[] bucket : intervals.halfWidths()) {
                g.writeStartArray();
                for (double h : bucket) {
                    if (Double.isFinite(h)) {
                        g.writeNumber(h);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeFieldName("curve");
        curve.writeTo(g);
        g.writeEndObject();
    }
}
