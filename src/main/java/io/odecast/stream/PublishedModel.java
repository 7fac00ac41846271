package io.odecast.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odecast.model.ModelFile;
import io.odecast.train.NeuralOdeModel;
import java.nio.charset.StandardCharsets;

/**
 * A model as it travels on the models topic: the model file, with the series and the version in
 * its provenance. Versions increase by one per series with every published model.
 */
public record PublishedModel(String series, long version, NeuralOdeModel model) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toBytes() {
        ObjectNode provenance = JSON.createObjectNode().put("series", series).put("version", version);
        return ModelFile.toJson(new ModelFile.Contents(model, null, null, provenance)).getBytes(StandardCharsets.UTF_8);
    }

    public static PublishedModel fromBytes(String key, byte[] bytes) {
        ModelFile.Contents contents = ModelFile.fromJson(new String(bytes, StandardCharsets.UTF_8), "model of " + key);
        return new PublishedModel(key, contents.provenance().path("version").asLong(0), contents.model());
    }
}
