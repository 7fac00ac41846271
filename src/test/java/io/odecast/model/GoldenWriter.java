package io.odecast.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/** Writes models/golden-v1.json; run by hand only when the format version changes. */
final class GoldenWriter {
    public static void main(String[] args) throws Exception {
        var provenance = new ObjectMapper().createObjectNode().put("dataset", "golden").put("odecast", "0.1.0-SNAPSHOT");
        ModelFile.write(new ModelFile.Contents(ModelFileTest.goldenModel(), null, null, provenance), Path.of(args[0]));
    }
}
