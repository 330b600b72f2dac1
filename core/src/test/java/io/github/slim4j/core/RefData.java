package io.github.slim4j.core;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The golden cases from PyTorch in the repository's {@code refdata/} directory (see its README).
 * Missing data fails the test: the cases are what "the same as PyTorch" means.
 */
public final class RefData {
    private static final Path DIR = locate();
    private static final JsonNode CASES = read();

    private RefData() {
    }

    /** The entry of {@code cases} with this id. */
    public static JsonNode testCase(String id) {
        for (JsonNode entry : CASES.get("cases")) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("no case " + id + " in " + DIR.resolve("cases.json"));
    }

    /** An array a case names by {@code {"file": ...}}. */
    public static INDArray array(JsonNode fileEntry) {
        File file = DIR.resolve(fileEntry.get("file").asText()).toFile();
        return Nd4j.createFromNpyFile(file);
    }

    /** The repository's {@code refdata/}, found from the module directory Maven runs the tests in. */
    static Path locate() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("refdata");
            if (Files.isRegularFile(candidate.resolve("cases.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no refdata/cases.json in the repository above " + Paths.get("").toAbsolutePath());
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("cases.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
