package io.odecast.report;

import io.odecast.forecast.ForecastCurve;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/** Observed vs forecast for one streamed series: one-step-ahead forecasts and the latest continuous curve. */
public final class ForecastPlots {

    private ForecastPlots() {
    }

    /**
     * @param times     observation times
     * @param observed  {@code observed[i][v]}
     * @param aheadT    times of the one-step-ahead forecasts
     * @param ahead     {@code ahead[i][v]}: the forecast made at the previous observation, evaluated at {@code aheadT[i]}
     * @param latest    the latest forecast curve, drawn over its whole horizon (may be null); its variables
     *                  are matched to {@code variables} by name
     */
    public static List<Path> write(String series, List<String> variables, double[] times, double[][] observed,
                                   double[] aheadT, double[][] ahead, ForecastCurve latest, Path folder) {
        List<Path> files = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            String name = variables.get(v);
            XYChart chart = Charts.lineChart(series + ": " + name + " observed vs forecast", "time", name);
            Charts.line(chart, "observed", times, column(observed, v)).setLineColor(java.awt.Color.BLACK);
            if (aheadT.length > 0) {
                Charts.points(chart, "forecast one observation ahead", aheadT, column(ahead, v));
            }
            if (latest != null) {
                int n = 200;
                double[] t = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = latest.startTime() + (latest.endTime() - latest.startTime()) * i / (n - 1);
                    y[i] = latest.valueAt(t[i])[latest.variables().indexOf(name)];
                }
                Charts.line(chart, "latest forecast (continuous)", t, y);
            }
            files.add(Charts.writePng(chart, folder.resolve(slug(series) + "-" + slug(name) + ".png")));
        }
        return files;
    }

    private static double[] column(double[][] rows, int v) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][v];
        }
        return out;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
