package io.odecast.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/** A backtest's forecast-vs-actual plots: per lead bucket and variable, the observed values and the forecasts made for them. */
public final class BacktestPlots {

    /**
     * The forecasts of one method in one bucket, scored against the observations they covered.
     *
     * @param method   what made them
     * @param times    observation times
     * @param forecast {@code forecast[i][v]}: the value forecast for {@code times[i]}
     */
    public record Forecasts(String method, double[] times, double[][] forecast) {
    }

    private BacktestPlots() {
    }

    /**
     * @param times    every observation time
     * @param observed {@code observed[i][v]}
     * @param buckets  per bucket (index 0 = bucket 1): its upper lead and the methods' forecasts
     */
    public static List<Path> write(String series, List<String> variables, double[] times, double[][] observed,
                                   double[] maxLead, List<List<Forecasts>> buckets, Path folder) {
        List<Path> files = new ArrayList<>();
        for (int b = 0; b < buckets.size(); b++) {
            for (int v = 0; v < variables.size(); v++) {
                String name = variables.get(v);
                XYChart chart = Charts.lineChart(String.format(Locale.ROOT, "%s: %s, forecasts %s ahead (bucket %d)",
                        series, name, trim(maxLead[b]), b + 1), "time", name);
                Charts.line(chart, "observed", times, column(observed, v)).setLineColor(java.awt.Color.BLACK);
                for (Forecasts f : buckets.get(b)) {
                    if (f.times().length > 0) {
                        Charts.points(chart, f.method(), f.times(), column(f.forecast(), v));
                    }
                }
                files.add(Charts.writePng(chart, folder.resolve(String.format(Locale.ROOT, "forecast-vs-actual-bucket-%d-%s.png",
                        b + 1, name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")))));
            }
        }
        return files;
    }

    private static String trim(double lead) {
        return "≤ " + (lead == Math.rint(lead) ? Long.toString((long) lead) : String.format(Locale.ROOT, "%.3g", lead));
    }

    private static double[] column(double[][] rows, int v) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][v];
        }
        return out;
    }
}
