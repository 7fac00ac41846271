package io.odecast.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void autoUsesTheJvmBelowTheMeasuredBreakEvenAndNd4jFromIt() {
        FieldSpec seed = FieldSpec.seed(2);
        assertThat(Backends.create(Backends.Choice.AUTO, seed, 1).name()).isEqualTo("jvm");
        assertThat(Backends.create(Backends.Choice.AUTO, seed, Backends.ND4J_BREAK_EVEN_BATCH - 1).name()).isEqualTo("jvm");
        assertThat(Backends.create(Backends.Choice.AUTO, seed, Backends.ND4J_BREAK_EVEN_BATCH).name()).isEqualTo("nd4j-float32");
    }

    @Test
    void widerFieldsReachTheBreakEvenAtSmallerBatches() {
        FieldSpec wide = new FieldSpec(2, new int[] {256, 256}, Activation.TANH, new double[] {8, 11});
        int batch = Backends.ND4J_BREAK_EVEN_BATCH / 8;
        assertThat(Backends.create(Backends.Choice.AUTO, FieldSpec.seed(2), batch).name()).isEqualTo("jvm");
        assertThat(Backends.create(Backends.Choice.AUTO, wide, batch).name()).isEqualTo("nd4j-float32");
    }

    @Test
    void explicitChoicesAreHonouredAndNamesParse() {
        FieldSpec seed = FieldSpec.seed(2);
        assertThat(Backends.create(Backends.Choice.JVM, seed, 100_000).name()).isEqualTo("jvm");
        assertThat(Backends.create(Backends.Choice.ND4J, seed, 1).name()).isEqualTo("nd4j-float64");
        assertThat(Backends.Choice.byName("nd4j-float32")).isEqualTo(Backends.Choice.ND4J_FLOAT32);
        assertThatThrownBy(() -> Backends.Choice.byName("tpu")).hasMessageContaining("unknown backend 'tpu'");
    }
}
