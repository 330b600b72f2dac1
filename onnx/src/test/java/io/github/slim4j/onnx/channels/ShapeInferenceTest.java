package io.github.slim4j.onnx.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.bench.MadeModels;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shapes worked out from the operator specifications are the ones ONNX Runtime computes. */
class ShapeInferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp.onnx", "cnn.onnx", "resnet.onnx", "resnet-bn.onnx", "resnet18.onnx", "mobilenetv2.onnx", "concatenated"})
    void everyValueHasTheShapeOnnxRuntimeGivesIt(String name) {
        ModelProto model = model(name);
        Optional<Map<String, long[]>> inferred = ShapeInference.of(model, 1);
        assertTrue(inferred.isPresent(), name + " holds only operators the inference knows");
        Map<String, long[]> byOnnxRuntime = ValueShapes.fromOnnxRuntime(model);
        // Constant nodes do not run, so ONNX Runtime reports no shape for them.
        long computed = model.getGraph().getNodeList().stream().filter(node -> !node.getOpType().equals("Constant")).count();
        assertEquals(computed, byOnnxRuntime.size(), "values reported");
        byOnnxRuntime.forEach((value, shape) -> assertArrayEquals(shape, inferred.get().get(value), value));
    }

    /** tf2onnx's CNN takes a fixed batch of 50 through a computed Reshape; the MLP with external data holds a Pad. */
    @Test
    void graphsBeyondItAreLeftToOnnxRuntime() {
        ModelProto tf = OnnxFile.read(Path.of("..", "models", "cnn-tf.onnx"));
        ModelProto ext = OnnxFile.read(Path.of("..", "models", "mlp-ext.onnx"));
        assertEquals(Optional.empty(), ShapeInference.of(ext, 1));
        assertEquals(ValueShapes.fromOnnxRuntime(ext).keySet(), ValueShapes.of(ext).keySet());
        assertArrayEquals(new long[] {50, 10}, ValueShapes.of(tf).get(tf.getGraph().getOutput(0).getName()));
    }

    private static ModelProto model(String name) {
        if (name.equals("concatenated")) {
            return MadeModels.concatenated();
        }
        if (!name.startsWith("resnet18") && !name.startsWith("mobilenet")) {
            return OnnxFile.read(Path.of("..", "models", name));
        }
        String big = System.getProperty("slim4j.bigModels");
        assumeTrue(big != null && !big.isBlank(), "slim4j.bigModels is not set; scripts/test.sh sets it");
        Path file = Path.of(big).resolve(name);
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return OnnxFile.read(file);
    }
}
