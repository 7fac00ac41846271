package io.odecast.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.nn.Activation;
import io.odecast.nn.FieldSpec;
import io.odecast.ode.OdeMethod;
import io.odecast.train.NeuralOdeModel;
import io.odecast.train.Normaliser;
import io.odecast.train.TrainingMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes model files (format {@value #FORMAT}, version {@value #VERSION}). The document
 * carries everything needed to use the model — field, parameters, initial state, normaliser, time
 * origin, variables, solver settings — plus free-form {@code training}, {@code metrics} and
 * {@code provenance} sections, and a SHA-256 checksum over every number the model computes with.
 */
public final class ModelFile {

    public static final String FORMAT = "odecast-model";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /** A model file's contents: the model and its descriptive sections. */
    public record Contents(NeuralOdeModel model, JsonNode training, JsonNode metrics, JsonNode provenance) {
    }

    /** The document for {@code contents}. */
    public static String toJson(Contents contents) {
        NeuralOdeModel m = contents.model();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("variables", JSON.valueToTree(m.variables()));
        root.put("mode", m.mode().id());
        root.put("timeOrigin", m.timeOrigin());
        ObjectNode field = root.putObject("field");
        field.put("stateDim", m.field().stateDim());
        field.set("hidden", JSON.valueToTree(m.field().hidden()));
        field.put("activation", m.field().activation().id());
        field.set("periods", JSON.valueToTree(m.field().periods()));
        ObjectNode solver = root.putObject("solver");
        solver.put("method", m.method().id());
        solver.put("rtol", m.rtol());
        solver.put("atol", m.atol());
        solver.put("maxSteps", m.maxSteps());
        ObjectNode normaliser = root.putObject("normaliser");
        normaliser.put("kind", m.normaliser().kind().id());
        normaliser.set("mean", JSON.valueToTree(m.normaliser().mean()));
        normaliser.set("std", JSON.valueToTree(m.normaliser().std()));
        root.set("initialState", JSON.valueToTree(m.initialState()));
        root.set("parameters", JSON.valueToTree(m.parameters()));
        root.put("checksum", checksum(m));
        root.set("training", orEmpty(contents.training()));
        root.set("metrics", orEmpty(contents.metrics()));
        root.set("provenance", orEmpty(contents.provenance()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Contents contents, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, toJson(contents));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Contents read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    /**
     * Parses and checks a model document.
     *
     * @throws ModelFileException naming what is wrong
     */
    public static Contents fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(source + " is not a model file: not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ModelFileException(source + " is not a model file: its \"format\" is not \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new ModelFileException(source + " is model file version " + version + "; this odecast reads version "
                    + VERSION + (version > VERSION ? ": upgrade odecast to read it" : ""));
        }
        try {
            JsonNode field = required(root, "field");
            FieldSpec spec = new FieldSpec(required(field, "stateDim").asInt(), ints(required(field, "hidden")),
                    Activation.byName(required(field, "activation").asText()), doubles(required(field, "periods")));
            JsonNode solver = required(root, "solver");
            JsonNode normaliser = required(root, "normaliser");
            NeuralOdeModel model = new NeuralOdeModel(spec, doubles(required(root, "parameters")),
                    doubles(required(root, "initialState")),
                    new Normaliser(Normaliser.Kind.byName(required(normaliser, "kind").asText()),
                            doubles(required(normaliser, "mean")), doubles(required(normaliser, "std"))),
                    required(root, "timeOrigin").asDouble(), strings(required(root, "variables")),
                    TrainingMode.byName(required(root, "mode").asText()),
                    OdeMethod.byName(required(solver, "method").asText()), required(solver, "rtol").asDouble(),
                    required(solver, "atol").asDouble(), required(solver, "maxSteps").asInt());
            String expected = required(root, "checksum").asText();
            if (!expected.equals(checksum(model))) {
                throw new ModelFileException(source + " is corrupt: its numbers do not match its checksum");
            }
            return new Contents(model, root.path("training"), root.path("metrics"), root.path("provenance"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + " is inconsistent: " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the IEEE bits of every number the model computes with, hex. */
    static String checksum(NeuralOdeModel m) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(8);
            for (double[] block : List.of(m.parameters(), m.initialState(), m.normaliser().mean(), m.normaliser().std(),
                    new double[] {m.timeOrigin(), m.rtol(), m.atol()})) {
                for (double v : block) {
                    buffer.clear();
                    buffer.putDouble(v);
                    digest.update(buffer.array());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isMissingNode() ? JSON.createObjectNode() : node;
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return value;
    }

    private static double[] doubles(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array of numbers, got " + array.getNodeType());
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + array.get(i));
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        double[] d = doubles(array);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
