package io.odecast.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.ode.ContinuousSolution;
import io.odecast.train.Normaliser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A forecast as a function of time: the solver's dense output, a piecewise quartic in model space,
 * and the transform back to the series' units. Any consumer can evaluate it at any time inside
 * {@code [startTime, endTime]} from its JSON form (docs/schemas/forecast.schema.json):
 * <pre>
 *   k  : the segment with boundaries[k] ≤ t ≤ boundaries[k+1]
 *   θ  = (t - boundaries[k]) / (boundaries[k+1] - boundaries[k])
 *   z  = r0 + θ (r1 + (1-θ) (r2 + θ (r3 + (1-θ) r4)))     with r = segments[k], per variable
 *   x  = z · std + mean;  value = x, or expm1(x) when the transform is log1p-zscore
 * </pre>
 *
 * @param variables  variable names, in the order of each coefficient vector
 * @param boundaries segment boundaries in the series' time, increasing
 * @param segments   {@code segments[k][j][v]}: coefficient r_j of variable v on segment k
 * @param transform  the normaliser mapping model space back to the series' units
 */
public record ForecastCurve(List<String> variables, double[] boundaries, double[][][] segments, Normaliser transform) {

    public ForecastCurve {
        variables = List.copyOf(variables);
        boundaries = boundaries.clone();
        segments = Arrays.stream(segments).map(s -> Arrays.stream(s).map(double[]::clone).toArray(double[][]::new))
                .toArray(double[][][]::new);
        Objects.requireNonNull(transform, "transform");
        if (boundaries.length < 1 || segments.length != Math.max(0, boundaries.length - 1)) {
            throw new IllegalArgumentException("need one more boundary than segments");
        }
        for (int k = 0; k < segments.length; k++) {
            if (!(boundaries[k + 1] > boundaries[k])) {
                throw new IllegalArgumentException("boundaries must increase");
            }
            if (segments[k].length != 5) {
                throw new IllegalArgumentException("each segment has 5 coefficient vectors");
            }
            for (double[] r : segments[k]) {
                if (r.length != variables.size()) {
                    throw new IllegalArgumentException("each coefficient vector has one value per variable");
                }
            }
        }
        if (transform.dimension() != variables.size()) {
            throw new IllegalArgumentException("the transform has " + transform.dimension() + " variables, not "
                    + variables.size());
        }
    }

    /** The curve of a solve whose time was measured from {@code timeOrigin}. */
    public static ForecastCurve of(ContinuousSolution solution, double timeOrigin, List<String> variables,
                                   Normaliser transform) {
        double[] b = solution.boundaries();
        if (b.length > 1 && b[1] < b[0]) {
            throw new IllegalArgumentException("a forecast curve runs forwards in time");
        }
        double[] boundaries = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            boundaries[i] = b[i] + timeOrigin;
        }
        double[][][] segments = new double[solution.segments()][][];
        for (int k = 0; k < segments.length; k++) {
            segments[k] = solution.segmentCoefficients(k);
        }
        return new ForecastCurve(variables, boundaries, segments, transform);
    }

    public double startTime() {
        return boundaries[0];
    }

    public double endTime() {
        return boundaries[boundaries.length - 1];
    }

    /**
     * The forecast values at {@code t}, in the series' units.
     *
     * @throws IllegalArgumentException outside {@code [startTime, endTime]}: a forecast does not extrapolate
     */
    public double[] valueAt(double t) {
        if (!(t >= startTime() && t <= endTime())) {
            throw new IllegalArgumentException("t = " + t + " is outside the forecast [" + startTime() + ", " + endTime() + "]");
        }
        int d = variables.size();
        if (segments.length == 0) {
            throw new IllegalArgumentException("an empty forecast has no values");
        }
        int lo = 0;
        int hi = segments.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (boundaries[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        double[][] r = segments[lo];
        double theta = (t - boundaries[lo]) / (boundaries[lo + 1] - boundaries[lo]);
        double[] z = new double[d];
        for (int v = 0; v < d; v++) {
            z[v] = ContinuousSolution.polynomial(theta, r[0][v], r[1][v], r[2][v], r[3][v], r[4][v]);
        }
        return transform.denormalise(z);
    }

    @Override
    public double[] boundaries() {
        return boundaries.clone();
    }

    public ObjectNode toJson() {
        return JsonBytes.tree(JsonBytes.write(this::writeTo, 1024));
    }

    /** Writes the JSON form, field by field (no tree): this is the one definition of the format. */
    void writeTo(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("variables");
        for (String v : variables) {
            g.writeString(v);
        }
        g.writeEndArray();
        g.writeFieldName("boundaries");
        g.writeArray(boundaries, 0, boundaries.length);
        g.writeArrayFieldStart("segments");
        for (double[][] segment : segments) {
            g.writeStartArray();
            for (double[] r : segment) {
                g.writeArray(r, 0, r.length);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("transform");
        g.writeStringField("kind", transform.kind().id());
        double[] mean = transform.mean();
        double[] std = transform.std();
        g.writeFieldName("mean");
        g.writeArray(mean, 0, mean.length);
        g.writeFieldName("std");
        g.writeArray(std, 0, std.length);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Reads the JSON form; the inverse of {@link #toJson()}. */
    public static ForecastCurve fromJson(JsonNode node) {
        List<String> variables = new ArrayList<>();
        node.path("variables").forEach(v -> variables.add(v.asText()));
        double[] boundaries = doubles(node.path("boundaries"));
        ArrayNode segs = (ArrayNode) node.path("segments");
        double[][][] segments = new double[segs.size()][][];
        for (int k = 0; k < segments.length; k++) {
            JsonNode s = segs.get(k);
            segments[k] = new double[s.size()][];
            for (int j = 0; j < s.size(); j++) {
                segments[k][j] = doubles(s.get(j));
            }
        }
        JsonNode t = node.path("transform");
        Normaliser transform = new Normaliser(Normaliser.Kind.byName(t.path("kind").asText()), doubles(t.path("mean")),
                doubles(t.path("std")));
        return new ForecastCurve(variables, boundaries, segments, transform);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
