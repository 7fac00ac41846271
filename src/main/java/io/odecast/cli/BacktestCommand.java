package io.odecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.app.Backtest;
import io.odecast.forecast.Method;
import io.odecast.forecast.ScoreBoard;
import io.odecast.train.CsvDataset;
import io.odecast.train.Dataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast backtest}: replay a data set through the streaming path and score odecast against the baselines. */
@Command(name = "backtest",
        description = "Replay a data set through the streaming code path in event-time order; score the Neural ODE's "
                + "forecasts and the baselines' (naive, seasonal naive, drift) by lead time: MAE, RMSE, MASE, interval coverage.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true)
final class BacktestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Built-in data: hare-lynx (the seed's) or "
            + "lotka-volterra (a noisy, irregularly sampled synthetic sensor). Ignored with --csv.")
    private String dataset = "hare-lynx";

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file with a header row.")
    private Path csv;

    @Option(names = "--time", paramLabel = "COL", description = "The time column of --csv.")
    private String timeColumn;

    @Option(names = "--vars", paramLabel = "A,B", split = ",", description = "The variable columns of --csv.")
    private List<String> vars;

    @Option(names = "--horizon", paramLabel = "H", description = "Forecast horizon in the series' time unit; "
            + "default: --buckets times the median spacing.")
    private Double horizon;

    @Option(names = "--buckets", paramLabel = "K", description = "Lead-time buckets over the horizon.")
    private int buckets = 5;

    @Option(names = "--season", paramLabel = "P", description = "Seasonal-naive period in the series' time unit (0: off).")
    private double season = 0;

    @Option(names = "--periods", paramLabel = "P,...", split = ",", description = "Fourier time-feature periods of "
            + "the model's vector field (e.g. 1 for a yearly cycle in years); default none.")
    private double[] periods = new double[0];

    @Option(names = "--level", paramLabel = "L", description = "Prediction-interval level.")
    private double level = 0.8;

    @Option(names = "--min-history", paramLabel = "N", description = "Observations before the first model.")
    private int minHistory = 8;

    @Option(names = "--retrain-every", paramLabel = "N", description = "Retrain after N new observations.")
    private int retrainEvery = 5;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the plots.")
    private Path out = Path.of("out", "backtest");

    @Option(names = "--no-plots", description = "Do not write plots.")
    private boolean noPlots;

    @Option(names = "--json", description = "Print the scores as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Dataset data;
        if (csv != null) {
            if (timeColumn == null || vars == null || vars.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--csv needs --time and --vars");
            }
            data = CsvDataset.read(csv, timeColumn, vars);
        } else {
            try {
                data = Backtest.dataset(dataset);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Backtest.Result r;
        try {
            r = Backtest.run(data, Backtest.settings(data, horizon, buckets, season, level, minHistory, retrainEvery, periods));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<Path> plots = noPlots ? List.of() : Backtest.plot(r, out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(JSON.writeValueAsString(toJson(r, plots)));
        } else {
            print(stdout, r, plots);
        }
        return ExitCodes.OK;
    }

    static ObjectNode toJson(Backtest.Result r, List<Path> plots) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dataset", r.data().name());
        n.put("observations", r.data().size());
        n.put("horizon", r.settings().horizon());
        n.put("level", r.settings().scoring().intervalLevel());
        n.put("seasonalPeriod", r.settings().scoring().seasonalPeriod());
        n.set("periods", JSON.valueToTree(r.settings().training().periods()));
        var leads = n.putArray("bucketMaxLead");
        for (int b = 1; b <= r.board().buckets(); b++) {
            leads.add(r.settings().horizon() * b / r.board().buckets());
        }
        n.put("modelsPublished", r.modelsPublished());
        n.put("modelsRejected", r.modelsRejected());
        n.put("driftAlarms", r.driftAlarms());
        n.set("model", method(r.board(), Method.MODEL));
        ObjectNode baselines = n.putObject("baselines");
        for (Method m : List.of(Method.NAIVE, Method.SEASONAL_NAIVE, Method.DRIFT)) {
            baselines.set(m.id(), method(r.board(), m));
        }
        n.set("plots", JSON.valueToTree(plots.stream().map(Path::toString).toList()));
        return n;
    }

    /** Per bucket ("1".."K"): n, mae, rmse, mase, coverage (null where there is nothing to measure). */
    private static ObjectNode method(ScoreBoard board, Method m) {
        ObjectNode out = JSON.createObjectNode();
        for (int b = 1; b <= board.buckets(); b++) {
            ScoreBoard.Totals t = board.totals(m, b);
            ObjectNode o = out.putObject(Integer.toString(b));
            o.put("n", t.count());
            JsonOut.number(o, "mae", t.mae());
            JsonOut.number(o, "rmse", t.rmse());
            JsonOut.number(o, "mase", t.mase());
            JsonOut.number(o, "coverage", t.coverage());
        }
        return out;
    }

    private static void print(PrintWriter out, Backtest.Result r, List<Path> plots) {
        out.printf(Locale.ROOT, "%s: %d observations, horizon %.4g in %d buckets; %d models published, %d rejected, "
                        + "%d drift alarms%n", r.data().name(), r.data().size(), r.settings().horizon(), r.board().buckets(),
                r.modelsPublished(), r.modelsRejected(), r.driftAlarms());
        out.printf(Locale.ROOT, "%-15s %6s %6s %10s %10s %7s %8s%n", "method", "bucket", "n", "MAE", "RMSE", "MASE", "coverage");
        for (Method m : Method.values()) {
            for (int b = 1; b <= r.board().buckets(); b++) {
                ScoreBoard.Totals t = r.board().totals(m, b);
                if (t.count() == 0) {
                    continue;
                }
                out.printf(Locale.ROOT, "%-15s %6d %6d %10.4g %10.4g %7.3f %8s%n", m.id(), b, t.count(), t.mae(), t.rmse(),
                        t.mase(), Double.isNaN(t.coverage()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * t.coverage()));
            }
        }
        if (!plots.isEmpty()) {
            out.println("plots in " + plots.get(0).getParent());
        }
    }
}
