package io.github.slim4j.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** models/reference.json: PyTorch's own test accuracies of the committed models, written by make_models.py. */
final class Reference {
    private static final JsonNode ACCURACIES = read().get("accuracy_percent");

    private Reference() {
    }

    /** PyTorch's float accuracy on the 10,000 test images, in percent. */
    static double floatAccuracy(String model) {
        JsonNode entry = ACCURACIES.get(model);
        if (entry == null) {
            throw new AssertionError("models/reference.json has no accuracy for " + model);
        }
        return entry.get("float").asDouble();
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Fixtures.MODELS.resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
