package io.odecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.model.ModelFile;
import io.odecast.nn.Activation;
import io.odecast.nn.Backends;
import io.odecast.nn.Nd4jBackend;
import io.odecast.nn.Initialisation;
import io.odecast.ode.OdeMethod;
import io.odecast.report.TrainingReport;
import io.odecast.train.CsvDataset;
import io.odecast.train.Dataset;
import io.odecast.train.Evaluation;
import io.odecast.train.GradientMethod;
import io.odecast.train.HareLynx;
import io.odecast.train.Loss;
import io.odecast.train.Normaliser;
import io.odecast.train.Trainer;
import io.odecast.train.TrainingConfig;
import io.odecast.train.TrainingListener;
import io.odecast.train.TrainingMode;
import io.odecast.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odecast train}: fit a Neural ODE to a series, write the model file and a report. */
@Command(name = "train",
        description = "Train a Neural ODE on the built-in hare-lynx data or a CSV; write the model and a report.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        footer = {"", "Defaults are the seed article's hyper-parameters. Ctrl-C stops after the current epoch "
            + "and keeps the best checkpoint."})
final class TrainCommand implements Callable<Integer> {

    private static final TrainingConfig D = TrainingConfig.SEED;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Built-in data set: hare-lynx. Ignored with --csv.")
    private String dataset = "hare-lynx";

    @Option(names = "--csv", paramLabel = "FILE", description = "Train on a CSV file with a header row.")
    private Path csv;

    @Option(names = "--time", paramLabel = "COL", description = "CSV column with numeric times.")
    private String timeColumn = "t";

    @Option(names = "--vars", split = ",", paramLabel = "COL", description = "CSV columns to model, comma separated.")
    private List<String> vars;

    @Option(names = "--mode", paramLabel = "MODE", description = "trajectory (learned x0, the seed's) or anchored (windows from observed states).")
    private String mode = D.mode().id();

    @Option(names = "--horizon", paramLabel = "K", description = "Anchored mode: observations each window integrates ahead.")
    private int horizon = D.horizon();

    @Option(names = "--hidden", split = ",", paramLabel = "W", description = "Hidden layer widths.")
    private int[] hidden = D.hidden();

    @Option(names = "--activation", paramLabel = "NAME", description = "tanh, relu or softplus.")
    private String activation = D.activation().id();

    @Option(names = "--periods", split = ",", paramLabel = "P", description = "Fourier time-feature periods; 'none' for none.")
    private List<String> periods = Arrays.stream(D.periods()).mapToObj(Double::toString).toList();

    @Option(names = "--init", paramLabel = "NAME", description = "seed (weights x0.1, zero biases) or standard.")
    private String init = D.initialisation().id();

    @Option(names = "--method", paramLabel = "NAME", description = "Adaptive solver: dopri5 or bosh3.")
    private String method = D.method().id();

    @Option(names = "--rtol", paramLabel = "TOL", description = "Solver relative tolerance.")
    private double rtol = D.rtol();

    @Option(names = "--atol", paramLabel = "TOL", description = "Solver absolute tolerance.")
    private double atol = D.atol();

    @Option(names = "--max-steps", paramLabel = "N", description = "Solver step limit per solve.")
    private int maxSteps = D.maxSteps();

    @Option(names = "--lr", paramLabel = "RATE", description = "AdamW learning rate.")
    private double lr = D.learningRate();

    @Option(names = "--weight-decay", paramLabel = "L", description = "AdamW weight decay.")
    private double weightDecay = D.weightDecay();

    @Option(names = "--clip", paramLabel = "NORM", description = "Gradient-norm clipping.")
    private double clip = D.clipNorm();

    @Option(names = "--loss", paramLabel = "NAME", description = "mse, mae or huber.")
    private String loss = D.loss().id();

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs.")
    private int epochs = D.epochs();

    @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience in epochs.")
    private int patience = D.patience();

    @Option(names = "--train-fraction", paramLabel = "F", description = "Leading fraction of observations to train on.")
    private double trainFraction = D.trainFraction();

    @Option(names = "--normaliser", paramLabel = "NAME", description = "none, zscore or log1p-zscore.")
    private String normaliser = D.normaliser().id();

    @Option(names = "--normalise-on", paramLabel = "PART", description = "all (the seed's) or train: which observations fit the normaliser.")
    private String normaliseOn = D.normaliseOnAll() ? "all" : "train";

    @Option(names = "--gradient", paramLabel = "NAME", description = "backprop (through the solver steps) or adjoint.")
    private String gradient = D.gradient().id();

    @Option(names = "--backend", paramLabel = "NAME", description = "Field backend: auto (JVM for small batches, ND4J from "
            + "the measured break-even), jvm, nd4j (float64; on the GPU in a -Pcuda build) or nd4j-float32.")
    private String backend = D.backend().id();

    @Option(names = "--seed", paramLabel = "N", description = "Random seed.")
    private long seed = D.seed();

    @Option(names = "--model", paramLabel = "FILE", description = "Where to write the model file.")
    private Path modelFile = Path.of("out", "model.json");

    @Option(names = "--report", paramLabel = "DIR", description = "Folder for the report (PNG plots and index.html).")
    private Path report = Path.of("out", "report");

    @Option(names = "--no-report", description = "Do not write the report.")
    private boolean noReport;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    private boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainingConfig config;
        Dataset data;
        try {
            config = new TrainingConfig(TrainingMode.byName(mode), hidden, Activation.byName(activation), periods(),
                    Initialisation.byName(init), OdeMethod.byName(method), rtol, atol, maxSteps, lr, weightDecay, clip,
                    Loss.byName(loss), epochs, patience, trainFraction, Normaliser.Kind.byName(normaliser),
                    normaliseOnAll(), horizon, GradientMethod.byName(gradient), Backends.Choice.byName(backend), seed);
            data = dataset();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread hook = new Thread(() -> cancelled.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingResult result;
        try {
            result = Trainer.train(data, config, quiet ? TrainingListener.NONE : new Progress(err), cancelled::get);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook has already run
            }
        }
        ObjectNode summary = summary(result);
        ModelFile.write(new ModelFile.Contents(result.model(), JSON.valueToTree(summary.get("config")),
                summary.deepCopy().without(List.of("config", "model", "report")), provenance(data, result)), modelFile);
        List<Path> files = noReport ? List.of() : TrainingReport.write(result, data, report);
        summary.put("model", modelFile.toString());
        summary.put("report", files.isEmpty() ? null : files.get(files.size() - 1).toString());
        if (json) {
            out.println(JSON.writeValueAsString(summary));
        } else {
            Evaluation e = result.evaluation();
            out.printf(Locale.ROOT, "%s on %s: %d epochs, best %d%s, %.2f ms/epoch, %.0f ms%n", config.mode().id(),
                    data.name(), result.epochs(), result.bestEpoch(), result.stoppedEarly() ? " (early stop)" : "",
                    result.millisPerEpoch(), result.wallMillis());
            out.printf(Locale.ROOT, "train MSE %.4f MAE %.4f | test MSE %.4f MAE %.4f (naive MAE %.4f) | Pearson r %.3f | R² %s%n",
                    e.trainMse(), e.trainMae(), e.testMse(), e.testMae(), e.naiveTestMae(), e.testPearson(),
                    r2(data, e));
            out.println("model  " + modelFile);
            if (!files.isEmpty()) {
                out.println("report " + files.get(files.size() - 1));
            }
        }
        return ExitCodes.OK;
    }

    private ObjectNode summary(TrainingResult r) {
        Evaluation e = r.evaluation();
        ObjectNode s = JSON.createObjectNode();
        s.put("mode", r.config().mode().id());
        s.put("seed", r.config().seed());
        s.put("epochs", r.epochs());
        s.put("bestEpoch", r.bestEpoch());
        s.put("stoppedEarly", r.stoppedEarly());
        s.put("cancelled", r.cancelled());
        ObjectNode train = s.putObject("train");
        train.put("mse", e.trainMse());
        train.put("mae", e.trainMae());
        ObjectNode test = s.putObject("test");
        test.put("mse", e.testMse());
        test.put("mae", e.testMae());
        test.put("naiveMae", e.naiveTestMae());
        test.put("pearson", e.testPearson());
        ObjectNode r2 = test.putObject("r2");
        for (int v = 0; v < e.testR2().length; v++) {
            r2.put(r.model().variables().get(v), e.testR2()[v]);
        }
        s.put("millisPerEpoch", r.millisPerEpoch());
        s.put("wallMillis", r.wallMillis());
        s.put("evaluations", r.evaluations());
        s.put("backend", r.backend());
        if (r.backend().startsWith("nd4j")) {
            s.put("device", Nd4jBackend.device());
        }
        s.set("config", JSON.valueToTree(r.config()));
        return s;
    }

    private ObjectNode provenance(Dataset data, TrainingResult r) {
        ObjectNode p = JSON.createObjectNode();
        p.put("odecast", VersionProvider.version());
        p.put("createdAt", Instant.now().toString());
        p.put("dataset", data.name());
        p.put("observations", data.size());
        p.put("java", Runtime.version().toString());
        p.put("bestEpoch", r.bestEpoch());
        return p;
    }

    private static String r2(Dataset data, Evaluation e) {
        StringBuilder s = new StringBuilder();
        for (int v = 0; v < e.testR2().length; v++) {
            s.append(String.format(Locale.ROOT, "%s%s %.2f", v == 0 ? "" : ", ", data.variables().get(v), e.testR2()[v]));
        }
        return s.toString();
    }

    private double[] periods() {
        if (periods.size() == 1 && periods.get(0).equalsIgnoreCase("none")) {
            return new double[0];
        }
        try {
            return periods.stream().mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--periods takes numbers or 'none', got " + periods);
        }
    }

    private boolean normaliseOnAll() {
        return switch (normaliseOn.toLowerCase(Locale.ROOT)) {
            case "all" -> true;
            case "train" -> false;
            default -> throw new IllegalArgumentException("--normalise-on takes all or train, got " + normaliseOn);
        };
    }

    private Dataset dataset() throws java.io.IOException {
        if (csv != null) {
            if (vars == null || vars.isEmpty()) {
                throw new IllegalArgumentException("--csv needs --vars naming the columns to model");
            }
            return CsvDataset.read(csv, timeColumn, vars);
        }
        if (!dataset.equalsIgnoreCase("hare-lynx")) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "'; built in: hare-lynx (or use --csv)");
        }
        return HareLynx.dataset();
    }

    /** A one-line progress bar on stderr, redrawn in place; a line every 50 epochs when stderr is not a terminal. */
    private static final class Progress implements TrainingListener {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void epochEnded(int epoch, int maxEpochs, double trainLoss, double validationLoss, int bestEpoch,
                               double bestValidationLoss) {
            String line = String.format(Locale.ROOT, "epoch %4d/%d  train %.5f  validation %.5f  best %.5f @ %d",
                    epoch, maxEpochs, trainLoss, validationLoss, bestValidationLoss, bestEpoch);
            if (terminal) {
                int width = 24;
                int filled = (int) ((long) width * epoch / maxEpochs);
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + line);
                err.flush();
            } else if (epoch % 50 == 0) {
                err.println(line);
            }
        }
    }
}
