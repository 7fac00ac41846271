package io.odecast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odecast.nn.Activation;
import io.odecast.nn.FieldSpec;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import io.odecast.train.NeuralOdeModel;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NeuralOdeModel model() {
        FieldSpec spec = new FieldSpec(2, new int[] {8}, Activation.TANH, new double[] {8});
        return new NeuralOdeModel(spec, spec.initialParameters(Initialisation.STANDARD, 5), new double[0],
                new Normaliser(Normaliser.Kind.LOG1P_ZSCORE, new double[] {3.0, 2.0}, new double[] {0.5, 0.7}),
                1900, List.of("hares", "lynx"), TrainingMode.ANCHORED, OdeMethod.DOPRI5, 1e-8, 1e-8, 2000);
    }

    private static final Observation LATEST = new Observation("hudson-bay", 1910.0, List.of("hares", "lynx"),
            new double[] {27.1, 10.8});

    @Test
    void theCurveStartsAtTheObservationAndAgreesWithAnIndependentSolve() {
        Forecast f = new Forecaster(5.0, 11).forecast(model(), 3, LATEST);
        assertThat(f.series()).isEqualTo("hudson-bay");
        assertThat(f.modelVersion()).isEqualTo(3);
        assertThat(f.issuedAt()).isEqualTo(1910.0);
        assertThat(f.times()).hasSize(11);
        assertThat(f.times()[10]).isCloseTo(1915.0, within(1e-9));
        double[] start = f.curve().valueAt(f.curve().startTime());
        assertThat(start[0]).isCloseTo(27.1, within(1e-9));
        assertThat(start[1]).isCloseTo(10.8, within(1e-9));
        // Between the solver's steps, the curve matches the model integrated to those times on its own.
        double[] times = {1910.37, 1911.5, 1913.123, 1914.99};
        double[][] reference = model().forecast(1910.0, LATEST.values(), times);
        for (int i = 0; i < times.length; i++) {
            double[] v = f.curve().valueAt(times[i]);
            assertThat(v[0]).isCloseTo(reference[i][0], within(1e-5 * Math.abs(reference[i][0])));
            assertThat(v[1]).isCloseTo(reference[i][1], within(1e-5 * Math.abs(reference[i][1])));
        }
        for (int i = 0; i < f.times().length; i++) {
            assertThat(f.values()[i]).containsExactly(f.curve().valueAt(f.times()[i]));
        }
    }

    @Test
    void theJsonFormEvaluatesToTheSameValuesAndFollowsTheSchema() throws Exception {
        Forecast f = new Forecaster(5.0, 6).forecast(model(), 1, LATEST);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(f.toJson()));
        ForecastCurve back = ForecastCurve.fromJson(json.get("curve"));
        for (double t = 1910; t <= 1915; t += 0.173) {
            assertThat(back.valueAt(t)).containsExactly(f.curve().valueAt(t));
        }
        JsonNode schema = JSON.readTree(Files.readString(Path.of("docs/schemas/forecast.schema.json")));
        schema.get("required").forEach(field -> assertThat(json.has(field.asText())).as(field.asText()).isTrue());
        schema.at("/properties/curve/required").forEach(field -> assertThat(json.get("curve").has(field.asText())).isTrue());
        assertThat(json.get("points").get(0).get("values").get("hares").asDouble()).isCloseTo(27.1, within(1e-9));
    }

    @Test
    void aForecastDoesNotExtrapolateAndChecksItsInputs() {
        Forecast f = new Forecaster(2.0, 3).forecast(model(), 1, LATEST);
        assertThatThrownBy(() -> f.curve().valueAt(1913)).hasMessageContaining("outside the forecast");
        assertThatThrownBy(() -> new Forecaster(0, 3)).hasMessageContaining("horizon");
        Observation other = new Observation("s", 1910, List.of("a", "b"), new double[] {1, 2});
        assertThatThrownBy(() -> new Forecaster(1, 2).forecast(model(), 1, other)).hasMessageContaining("variables");
    }
}
