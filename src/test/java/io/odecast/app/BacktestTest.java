package io.odecast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.odecast.forecast.Method;
import io.odecast.forecast.ScoreBoard;
import io.odecast.train.Dataset;
import org.junit.jupiter.api.Test;

/** Backtests through the production topology: the forecast-quality targets. */
class BacktestTest {

    @Test
    void onHareLynxTheModelForecastsOneStepAheadBetterThanTheNaiveScale() {
        Dataset data = Backtest.dataset("hare-lynx");
        Backtest.Result r = Backtest.run(data, Backtest.settings(data, null, 5, 10, 0.8, 8, 5));
        assertThat(r.modelsPublished()).isPositive();
        ScoreBoard.Totals model = r.board().totals(Method.MODEL, 1);
        assertThat(model.count()).isPositive();
        assertThat(model.mase()).isLessThan(1.0);
        // every baseline is scored beside it, the seasonal one too (period 10 years)
        for (Method m : Method.values()) {
            assertThat(r.board().totals(m, 1).count()).as(m.id()).isPositive();
        }
    }

    @Test
    void onTheSyntheticSensorTheModelBeatsEveryBaselineAndItsIntervalsAreCalibrated() {
        Dataset data = Backtest.dataset("lotka-volterra");
        Backtest.Result r = Backtest.run(data, Backtest.settings(data, null, 5, 0, 0.8, 8, 5));
        assertThat(r.board().totals(Method.MODEL, 1).mase()).isLessThan(1.0);
        for (int b = 1; b <= 5; b++) {
            ScoreBoard.Totals model = r.board().totals(Method.MODEL, b);
            assertThat(model.mase()).as("bucket %d vs naive", b).isLessThan(r.board().totals(Method.NAIVE, b).mase());
            assertThat(model.mase()).as("bucket %d vs drift", b).isLessThan(r.board().totals(Method.DRIFT, b).mase());
            assertThat(model.withInterval()).as("bucket %d checks", b).isGreaterThanOrEqualTo(80);
            assertThat(model.coverage()).as("bucket %d coverage of 80%% intervals", b).isBetween(0.75, 0.85);
        }
    }
}
