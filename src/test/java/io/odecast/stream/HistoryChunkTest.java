package io.odecast.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HistoryChunkTest {

    @Test
    void observationsStayInTimeOrderAndADuplicateTimeReplaces() {
        HistoryChunk c = HistoryChunk.of(5, new double[] {5, -5});
        assertThat(c.put(7, new double[] {7, -7})).isFalse();
        assertThat(c.put(6, new double[] {6, -6})).isFalse();
        assertThat(c.put(-1, new double[] {-1, 1})).isFalse();
        assertThat(c.put(6, new double[] {60, -60})).isTrue();
        for (double t = 8; t < 20; t++) { // grows past its first capacity
            c.put(t, new double[] {t, -t});
        }
        assertThat(c.size()).isEqualTo(16);
        assertThat(c.start()).isEqualTo(-1.0);
        assertThat(c.end()).isEqualTo(19.0);
        assertThat(c.time(2)).isEqualTo(6.0);
        assertThat(c.values(2)).containsExactly(60.0, -60.0);
        assertThat(c.atOrBefore(6.5)).containsExactly(60.0, -60.0);
        assertThat(c.atOrBefore(5)).containsExactly(5.0, -5.0);
        assertThat(c.atOrBefore(-2)).isNull();
        HistoryChunk zero = HistoryChunk.of(-0.0, new double[] {1, 1});
        assertThat(zero.put(0.0, new double[] {2, 2})).as("-0.0 and 0.0 are one time").isTrue();
        assertThat(zero.size()).isEqualTo(1);
    }

    @Test
    void theBinaryFormRoundTripsAndSplitsAndTrimsKeepOrder() {
        HistoryChunk c = HistoryChunk.of(0.5, new double[] {1, 2, 3});
        for (int i = 1; i < 9; i++) {
            c.put(0.5 + i, new double[] {i, -0.0, Double.MIN_VALUE});
        }
        byte[] bytes = c.encode();
        assertThat(bytes.length).isEqualTo(5 + 9 * 32);
        HistoryChunk back = HistoryChunk.decode(bytes, 999, 3); // the key's time is not used for a chunk
        assertThat(back.size()).isEqualTo(9);
        assertThat(back.start()).isEqualTo(0.5);
        assertThat(back.values(4)).containsExactly(4.0, -0.0, Double.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(back.values(4)[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));

        HistoryChunk later = back.splitOff();
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.end()).isEqualTo(3.5);
        assertThat(later.size()).isEqualTo(5);
        assertThat(later.start()).isEqualTo(4.5);
        later.dropFirst(3);
        assertThat(later.size()).isEqualTo(2);
        assertThat(later.start()).isEqualTo(7.5);
        assertThat(later.values(1)).containsExactly(8.0, -0.0, Double.MIN_VALUE);
    }

    @Test
    void theEarlierOneObservationFormReadsWithItsTimeFromTheKey() {
        byte[] legacy = ByteBuffer.allocate(16).putDouble(3.25).putDouble(-1).array();
        HistoryChunk c = HistoryChunk.decode(legacy, 12.0, 2);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.start()).isEqualTo(12.0);
        assertThat(c.values(0)).containsExactly(3.25, -1.0);
    }

    @Test
    void aDamagedEntryIsAClearError() {
        byte[] bytes = HistoryChunk.of(1, new double[] {1, 2}).encode();
        assertThatThrownBy(() -> HistoryChunk.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1), 1, 2))
                .hasMessageContaining("corrupt history entry");
        bytes[0] = 9;
        assertThatThrownBy(() -> HistoryChunk.decode(bytes, 1, 2)).hasMessageContaining("corrupt history entry");
    }
}
