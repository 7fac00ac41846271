package io.odecast.report;

import io.odecast.examples.ExampleResult;
import io.odecast.examples.ExampleSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** The seed's figures for the ODE warm-ups, as PNG files. */
public final class ExamplePlots {

    /** About how many numeric markers to draw over an exact curve. */
    private static final int MARKERS = 30;

    private ExamplePlots() {
    }

    /** Writes the plots of {@code result} into {@code folder} and returns the files written. */
    public static List<Path> write(ExampleResult result, Path folder) {
        ExampleSystem system = result.system();
        double[] t = result.times();
        List<Path> files = new ArrayList<>();
        for (int v = 0; v < system.variables().size(); v++) {
            String variable = system.variables().get(v);
            XYChart chart = Charts.lineChart(system.displayName() + ": " + variable, system.timeLabel(), variable);
            if (system.hasExactSolution()) {
                Charts.line(chart, "analytic", t, exact(system, t, v));
                int stride = Math.max(1, t.length / MARKERS);
                Charts.points(chart, result.method() + " (numeric)", every(t, stride), every(column(result.states(), v), stride));
            } else {
                Charts.line(chart, result.method(), t, column(result.states(), v));
            }
            files.add(Charts.writePng(chart, folder.resolve(system.id() + "-" + slug(variable) + ".png")));
        }
        if (system.variables().size() == 2 && !system.hasExactSolution()) {
            XYChart phase = Charts.lineChart(system.displayName() + ": phase portrait",
                    system.variables().get(0), system.variables().get(1));
            Charts.line(phase, result.method(), column(result.states(), 0), column(result.states(), 1));
            files.add(Charts.writePng(phase, folder.resolve(system.id() + "-phase.png")));
        }
        return files;
    }

    private static double[] exact(ExampleSystem system, double[] t, int component) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = system.exact(t[i])[component];
        }
        return out;
    }

    private static double[] column(double[][] states, int component) {
        double[] out = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            out[i] = states[i][component];
        }
        return out;
    }

    /** Every {@code n}-th value and the last, so numeric markers do not hide the exact line. */
    private static double[] every(double[] v, int n) {
        int count = (v.length - 1) / n + 1 + ((v.length - 1) % n == 0 ? 0 : 1);
        double[] out = new double[count];
        for (int i = 0, j = 0; i < v.length; i += n) {
            out[j++] = v[i];
        }
        out[count - 1] = v[v.length - 1];
        return out;
    }

    private static String slug(String label) {
        int paren = label.indexOf(" (");
        return (paren > 0 ? label.substring(0, paren) : label).replace(' ', '-');
    }
}
