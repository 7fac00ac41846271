package io.odecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.nn.Activation;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import io.odecast.train.NeuralOdeModel;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model stored in {@code models/golden-v1.json}, built here from the same deterministic inputs. */
    static NeuralOdeModel goldenModel() {
        FieldSpec spec = new FieldSpec(2, new int[] {3}, Activation.TANH, new double[] {8});
        return new NeuralOdeModel(spec, spec.initialParameters(Initialisation.STANDARD, 42), new double[] {0.1, -0.2},
                new Normaliser(Normaliser.Kind.LOG1P_ZSCORE, new double[] {3.0, 2.0}, new double[] {0.5, 0.7}),
                1900, List.of("hares", "lynx"), TrainingMode.TRAJECTORY, OdeMethod.DOPRI5, 1e-4, 1e-4, 2000);
    }

    static String golden() throws IOException {
        try (InputStream in = ModelFileTest.class.getResourceAsStream("/models/golden-v1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFileWrittenByVersionOneLoadsAsTheSameModel() throws IOException {
        ModelFile.Contents contents = ModelFile.fromJson(golden(), "golden-v1.json");
        assertThat(contents.model()).isEqualTo(goldenModel());
        assertThat(contents.provenance().path("dataset").asText()).isEqualTo("golden");
        // The loaded model predicts what the original predicts, bit for bit.
        double[] years = {1900, 1901.5, 1903};
        assertThat(contents.model().trajectory(years)).isDeepEqualTo(goldenModel().trajectory(years));
    }

    @Test
    void writingIsStable(@TempDir Path dir) throws IOException {
        ModelFile.Contents golden = ModelFile.fromJson(golden(), "golden-v1.json");
        Path file = dir.resolve("sub/model.json");
        ModelFile.write(golden, file);
        ModelFile.Contents again = ModelFile.read(file);
        assertThat(again.model()).isEqualTo(golden.model());
        assertThat(JSON.readTree(ModelFile.toJson(again))).isEqualTo(JSON.readTree(golden()));
    }

    @Test
    void aChangedNumberIsDetectedAsCorruption() throws IOException {
        String corrupt = golden().replaceFirst("\"parameters\" : \\[ (-?[0-9])", "\"parameters\" : [ 9$1");
        assertThat(corrupt).isNotEqualTo(golden());
        assertThatThrownBy(() -> ModelFile.fromJson(corrupt, "m.json"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("m.json is corrupt: its numbers do not match its checksum");
    }

    @Test
    void wrongFormatVersionAndShapeAreNamed() throws IOException {
        assertThatThrownBy(() -> ModelFile.fromJson("{\"format\":\"other\"}", "x.json"))
                .hasMessageContaining("x.json is not a model file: its \"format\" is not \"odecast-model\"");
        assertThatThrownBy(() -> ModelFile.fromJson("not json", "x.json"))
                .hasMessageContaining("x.json is not a model file: not valid JSON");
        assertThatThrownBy(() -> ModelFile.fromJson(golden().replace("\"version\" : 1", "\"version\" : 7"), "x.json"))
                .hasMessage("x.json is model file version 7; this odecast reads version 1: upgrade odecast to read it");
        assertThatThrownBy(() -> ModelFile.fromJson(golden().replace("\"stateDim\" : 2", "\"stateDim\" : 3"), "x.json"))
                .isInstanceOf(ModelFileException.class).hasMessageStartingWith("x.json is inconsistent: ");
        assertThatThrownBy(() -> ModelFile.fromJson(golden().replace("\"activation\" : \"tanh\"", "\"activation\" : \"gelu\""), "x.json"))
                .hasMessageContaining("unknown activation 'gelu'");
    }
}
