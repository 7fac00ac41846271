package io.odecast.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesMetaTest {

    @Test
    void theBinaryFormRoundTripsEveryField() {
        SeriesMeta m = new SeriesMeta("sensor-ü/7", List.of("prey", "predators"), 1234, 1845.5, 1912.25,
                new double[] {3.5, -0.0}, 17, 1_733_000_000_123L);
        SeriesMeta back = SeriesMeta.fromBytes(m.toBytes());
        assertThat(back.series()).isEqualTo(m.series());
        assertThat(back.variables()).isEqualTo(m.variables());
        assertThat(back.count()).isEqualTo(1234);
        assertThat(back.firstTime()).isEqualTo(1845.5);
        assertThat(back.latestTime()).isEqualTo(1912.25);
        assertThat(back.latestValues()).containsExactly(3.5, -0.0);
        assertThat(Double.doubleToRawLongBits(back.latestValues()[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.sinceTraining()).isEqualTo(17);
        assertThat(back.lastTrainingMillis()).isEqualTo(1_733_000_000_123L);
    }

    @Test
    void aFirstRecordWithNoValuesYetRoundTrips() {
        SeriesMeta m = new SeriesMeta("s", List.of("a"), 0, Double.NaN, Double.NEGATIVE_INFINITY, new double[0], 0, 0);
        SeriesMeta back = SeriesMeta.fromBytes(m.toBytes());
        assertThat(back.latestTime()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(back.firstTime()).isNaN();
        assertThat(back.latestValues()).isEmpty();
    }

    /** A series record as format 1 wrote it: format, id, variables, count, latest time and values, bookkeeping. */
    static byte[] version1(String series, List<String> variables, int count, double latestTime, double[] latestValues,
                           int sinceTraining, long lastTrainingMillis) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeByte(1);
            byte[] id = series.getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            out.writeInt(variables.size());
            for (String v : variables) {
                byte[] name = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
            }
            out.writeInt(count);
            out.writeDouble(latestTime);
            out.writeInt(latestValues.length);
            for (double x : latestValues) {
                out.writeDouble(x);
            }
            out.writeInt(sinceTraining);
            out.writeLong(lastTrainingMillis);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void version1RecordsWithoutTheEarliestTimeStillRead() {
        SeriesMeta m = SeriesMeta.fromBytes(version1("s", List.of("a"), 7, 9.5, new double[] {4.25}, 2, 99L));
        assertThat(m.count()).isEqualTo(7);
        assertThat(m.firstTime()).isNaN();
        assertThat(m.latestTime()).isEqualTo(9.5);
        assertThat(m.latestValues()).containsExactly(4.25);
        assertThat(m.sinceTraining()).isEqualTo(2);
        assertThat(m.lastTrainingMillis()).isEqualTo(99L);
    }

    @Test
    void recordsStoredAsJsonByEarlierVersionsStillRead() {
        byte[] json = ("{\"series\":\"s\",\"variables\":[\"a\",\"b\"],\"count\":3,\"latestTime\":2.5,"
                + "\"latestValues\":[1.0,2.0],\"sinceTraining\":3,\"lastTrainingMillis\":0}").getBytes(StandardCharsets.UTF_8);
        SeriesMeta m = SeriesMeta.fromBytes(json);
        assertThat(m.variables()).containsExactly("a", "b");
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.latestValues()).containsExactly(1.0, 2.0);
    }

    @Test
    void aTruncatedRecordIsAClearError() {
        byte[] bytes = new SeriesMeta("s", List.of("a"), 1, 1.0, 1.0, new double[] {1}, 1, 1).toBytes();
        assertThatThrownBy(() -> SeriesMeta.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .hasMessageContaining("corrupt series record");
        assertThatThrownBy(() -> SeriesMeta.fromBytes(new byte[] {9, 0, 0}))
                .hasMessageContaining("unknown series record format 9");
    }
}
