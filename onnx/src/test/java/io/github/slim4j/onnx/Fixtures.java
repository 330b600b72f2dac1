package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ONNX files the tests load: the small trained models committed under {@code models/}, the bad
 * files under {@code tests/notebooks/bad-onnx/}, and the models {@code scripts/test.sh} makes with
 * {@code models/make_models.py --big} and names with the system property {@value #BIG_MODELS_PROPERTY}:
 * torchvision's ResNet-18 and MobileNetV2 with random weights, and grouped.onnx with PyTorch's gradients.
 */
final class Fixtures {
    static final Path MODELS = Path.of("..", "models");
    static final Path BAD = Path.of("..", "tests", "notebooks", "bad-onnx");
    static final List<String> SMALL = List.of("mlp.onnx", "mlp-ext.onnx", "cnn.onnx", "cnn-tf.onnx", "resnet.onnx", "resnet-bn.onnx");
    static final List<String> BIG = List.of("resnet18.onnx", "mobilenetv2.onnx", "grouped.onnx");
    static final String BIG_MODELS_PROPERTY = "slim4j.bigModels";

    private Fixtures() {
    }

    static Path small(String name) {
        return MODELS.resolve(name);
    }

    /**
     * A big model's file. Skips the test when the run names no folder (a plain {@code mvn verify});
     * fails it when the folder is named but lacks the file, so that a broken generation step is not
     * mistaken for a skip.
     */
    static Path big(String name) {
        String folder = System.getProperty(BIG_MODELS_PROPERTY);
        assumeTrue(folder != null && !folder.isBlank(), BIG_MODELS_PROPERTY + " is not set; scripts/test.sh sets it");
        Path file = Path.of(folder).resolve(name);
        assertTrue(Files.isRegularFile(file), BIG_MODELS_PROPERTY + "=" + folder + " but " + file
                + " is missing; make it with /usr/bin/python3 models/make_models.py --big " + folder);
        return file;
    }
}
