package io.odecast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odecast.stream.SeriesSettings;
import io.odecast.stream.StreamSettings;
import io.odecast.train.Normaliser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesSettingsFileTest {

    private static final StreamSettings DEFAULTS = StreamSettings.defaults();

    @Test
    void readsOverridesAndFillsTheRestFromTheDefaults() {
        Map<String, SeriesSettings> s = SeriesSettingsFile.parse("""
                {"hudson-bay": {"variables": ["hares", "lynx"], "transform": "log1p-zscore", "minHistory": 12,
                                "seasonalPeriod": 10, "periods": [10, 5.5]},
                 "sensor-*": {"retrainEvery": 50}}""", "series.json", DEFAULTS);
        assertThat(s.get("hudson-bay").variables()).contains(List.of("hares", "lynx"));
        assertThat(s.get("hudson-bay").transform()).isEqualTo(Normaliser.Kind.LOG1P_ZSCORE);
        assertThat(s.get("hudson-bay").minHistory()).isEqualTo(12);
        assertThat(s.get("hudson-bay").seasonalPeriod()).isEqualTo(10.0);
        assertThat(s.get("hudson-bay").periodArray()).containsExactly(10.0, 5.5);
        assertThat(s.get("sensor-*").periods()).isEmpty();
        assertThat(s.get("sensor-*").seasonalPeriod()).isEqualTo(DEFAULTS.scoring().seasonalPeriod());
        assertThat(s.get("hudson-bay").retrainEvery()).isEqualTo(DEFAULTS.retrainEvery());
        assertThat(s.get("sensor-*").retrainEvery()).isEqualTo(50);
        assertThat(DEFAULTS.withSeries(s).forSeries("sensor-12").retrainEvery()).isEqualTo(50);
    }

    @Test
    void mistakesAreNamedWithTheFileTheSeriesAndTheKey() {
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"retrain\": 5}}", "s.json", DEFAULTS))
                .hasMessageStartingWith("s.json, series 'a': unknown key 'retrain'");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"transform\": \"log\"}}", "s.json", DEFAULTS))
                .hasMessageContaining("s.json, series 'a': unknown normaliser 'log'");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"seasonalPeriod\": \"yearly\"}}", "s.json", DEFAULTS))
                .hasMessageContaining("'seasonalPeriod' must be a number");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"periods\": 24}}", "s.json", DEFAULTS))
                .hasMessageContaining("'periods' must be an array of numbers");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"periods\": [0]}}", "s.json", DEFAULTS))
                .hasMessageContaining("periods must be finite and > 0");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"seasonalPeriod\": -1}}", "s.json", DEFAULTS))
                .hasMessageContaining("seasonal period must be finite and >= 0");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"minHistory\": 2.5}}", "s.json", DEFAULTS))
                .hasMessageContaining("'minHistory' must be a whole number");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("{\"a\": {\"variables\": [\"x\", \"x\"]}}", "s.json", DEFAULTS))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> SeriesSettingsFile.parse("[1]", "s.json", DEFAULTS))
                .hasMessageContaining("must hold a JSON object");
    }
}
