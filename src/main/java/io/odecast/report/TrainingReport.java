package io.odecast.report;

import io.odecast.train.Dataset;
import io.odecast.train.Evaluation;
import io.odecast.train.TrainingResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The seed's figures for a training run, as PNG files plus a one-page HTML report: learning curves
 * with the best epoch, observed vs predicted per variable with the split, the forecast region, the
 * phase portrait, absolute error over time, and observed-vs-predicted scatter with R².
 */
public final class TrainingReport {

    private TrainingReport() {
    }

    /** Writes the report into {@code folder}; returns the files written, the HTML page last. */
    public static List<Path> write(TrainingResult result, Dataset data, Path folder) {
        Evaluation e = result.evaluation();
        double[] t = data.times();
        double[][] observed = data.values();
        double[][] predicted = e.predicted();
        double splitTime = t[e.split() - 1];
        List<Path> files = new ArrayList<>();

        XYChart curves = Charts.lineChart("Learning curves with early stopping", "epoch", "MSE (normalised space)");
        double[] epochs = new double[result.epochs()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        Charts.line(curves, "train", epochs, result.trainLoss());
        Charts.line(curves, "validation", epochs, result.validationLoss());
        double best = result.validationLoss()[result.bestEpoch() - 1];
        marker(curves, String.format(Locale.ROOT, "best epoch %d (MSE %.4f)", result.bestEpoch(), best),
                result.bestEpoch(), result.trainLoss(), result.validationLoss());
        files.add(Charts.writePng(curves, folder.resolve("learning-curves.png")));

        for (int v = 0; v < data.dimension(); v++) {
            String name = data.variables().get(v);
            XYChart chart = Charts.lineChart(name + ": observed vs Neural ODE", "time", name);
            Charts.line(chart, name + " (observed)", t, column(observed, v)).setLineColor(Color.BLACK);
            dashed(Charts.line(chart, name + " (Neural ODE)", defined(t, predicted, v), definedValues(predicted, v)));
            marker(chart, "train/test split", splitTime, column(observed, v), definedValues(predicted, v));
            files.add(Charts.writePng(chart, folder.resolve("observed-vs-predicted-" + slug(name) + ".png")));
        }

        XYChart zoom = Charts.lineChart("Forecast region (held-out observations)", "time", "value");
        double[] tTest = java.util.Arrays.copyOfRange(t, e.split(), t.length);
        for (int v = 0; v < data.dimension(); v++) {
            String name = data.variables().get(v);
            Charts.line(zoom, name + " (observed)", tTest, java.util.Arrays.copyOfRange(column(observed, v), e.split(), t.length));
            dashed(Charts.line(zoom, name + " (predicted)", tTest,
                    java.util.Arrays.copyOfRange(column(predicted, v), e.split(), t.length)));
        }
        files.add(Charts.writePng(zoom, folder.resolve("forecast-region.png")));

        if (data.dimension() >= 2) {
            XYChart phase = Charts.lineChart("Phase portrait", data.variables().get(0), data.variables().get(1));
            Charts.line(phase, "observed", column(observed, 0), column(observed, 1)).setMarker(SeriesMarkers.CIRCLE);
            dashed(Charts.line(phase, "Neural ODE", definedValues(predicted, 0), definedValues(predicted, 1)))
                    .setMarker(SeriesMarkers.CIRCLE);
            files.add(Charts.writePng(phase, folder.resolve("phase-portrait.png")));
        }

        XYChart error = Charts.lineChart("Absolute error over time", "time", "|observed - predicted|");
        for (int v = 0; v < data.dimension(); v++) {
            double[] err = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                err[i] = Math.abs(observed[i][v] - predicted[i][v]);
            }
            Charts.line(error, data.variables().get(v), defined(t, predicted, v), definedOnly(err));
        }
        marker(error, "train/test split", splitTime, new double[] {0}, new double[] {0});
        files.add(Charts.writePng(error, folder.resolve("absolute-error.png")));

        XYChart scatter = Charts.lineChart("Observed vs predicted (held-out)", "observed", "predicted");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < data.dimension(); v++) {
            double[] o = java.util.Arrays.copyOfRange(column(observed, v), e.split(), t.length);
            double[] p = java.util.Arrays.copyOfRange(column(predicted, v), e.split(), t.length);
            for (double x : o) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            Charts.points(scatter, String.format(Locale.ROOT, "%s (R² = %.2f)", data.variables().get(v), e.testR2()[v]), o, p);
        }
        XYSeries diagonal = Charts.line(scatter, "y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diagonal.setLineColor(Color.GRAY);
        files.add(Charts.writePng(scatter, folder.resolve("scatter.png")));

        files.add(html(result, data, folder, files));
        return files;
    }

    private static Path html(TrainingResult r, Dataset data, Path folder, List<Path> images) {
        Evaluation e = r.evaluation();
        StringBuilder s = new StringBuilder();
        s.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>odecast training report: ")
                .append(escape(data.name())).append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;"
                        + "color:#222}img{width:100%;border:1px solid #ddd;margin:.5em 0}table{border-collapse:collapse}"
                        + "td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}</style></head><body>\n");
        s.append("<h1>Neural ODE on ").append(escape(data.name())).append("</h1>\n");
        s.append(String.format(Locale.ROOT, "<p>%s mode, %d epochs (best %d%s), %.2f ms per epoch, %.0f ms in all.</p>%n",
                r.config().mode().id(), r.epochs(), r.bestEpoch(), r.stoppedEarly() ? ", stopped early" : "",
                r.millisPerEpoch(), r.wallMillis()));
        s.append("<table><tr><th></th><th>MSE</th><th>MAE</th></tr>\n");
        s.append(String.format(Locale.ROOT, "<tr><td>train</td><td>%.4f</td><td>%.4f</td></tr>%n", e.trainMse(), e.trainMae()));
        s.append(String.format(Locale.ROOT, "<tr><td>test</td><td>%.4f</td><td>%.4f</td></tr>%n", e.testMse(), e.testMae()));
        s.append(String.format(Locale.ROOT, "<tr><td>naive (last value), test</td><td></td><td>%.4f</td></tr></table>%n",
                e.naiveTestMae()));
        s.append(String.format(Locale.ROOT, "<p>Pearson r (test) %.3f; R² (test, original units):", e.testPearson()));
        for (int v = 0; v < data.dimension(); v++) {
            s.append(String.format(Locale.ROOT, " %s %.2f", escape(data.variables().get(v)), e.testR2()[v]));
        }
        s.append(".</p>\n");
        for (Path image : images) {
            s.append("<img src=\"").append(image.getFileName()).append("\" alt=\"").append(image.getFileName()).append("\">\n");
        }
        s.append("</body></html>\n");
        Path page = folder.resolve("index.html");
        try {
            Files.writeString(page, s.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + page + ": " + ex.getMessage(), ex);
        }
        return page;
    }

    /** A vertical dotted line at {@code x}, spanning the data's range. */
    private static void marker(XYChart chart, String name, double x, double[] a, double[] b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : new double[][] {a, b}) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        XYSeries s = Charts.line(chart, name, new double[] {x, x}, new double[] {lo, hi});
        s.setLineColor(Color.GRAY);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
    }

    private static XYSeries dashed(XYSeries s) {
        s.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        return s;
    }

    private static double[] column(double[][] rows, int v) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][v];
        }
        return out;
    }

    /** Times where variable {@code v} has a prediction. */
    private static double[] defined(double[] t, double[][] predicted, int v) {
        return java.util.stream.IntStream.range(0, t.length).filter(i -> Double.isFinite(predicted[i][v]))
                .mapToDouble(i -> t[i]).toArray();
    }

    private static double[] definedValues(double[][] predicted, int v) {
        return definedOnly(column(predicted, v));
    }

    private static double[] definedOnly(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
