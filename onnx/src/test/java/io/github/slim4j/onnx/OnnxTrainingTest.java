package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Imported models train on the JVM: the gradients DL4J computes for an imported model are
 * PyTorch's. grouped.onnx (made by models/make_models.py --big, with PyTorch's gradients of the
 * mean cross-entropy on one seeded batch in grouped-gradients.json) has a grouped convolution,
 * which slim4j runs as a SameDiff layer of its own, a depthwise one and one without bias.
 */
class OnnxTrainingTest {
    /** Float32 gradients through three convolutions, summed in other orders than PyTorch's. */
    private static final double TOLERANCE = 1e-4;

    @Test
    void gradientsOfAnImportedGroupedConvNetAreThoseOfPyTorch() throws IOException {
        Path file = Fixtures.big("grouped.onnx");
        JsonNode reference = new ObjectMapper().readTree(file.resolveSibling("grouped-gradients.json").toFile());
        ComputationGraph graph = Onnx.load(file);
        INDArray input = Nd4j.create(floats(reference.get("input")), longs(reference.get("input_shape"))).castTo(DataType.FLOAT);
        int classes = reference.get("classes").asInt();
        JsonNode labels = reference.get("labels");
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.size(), classes);
        for (int i = 0; i < labels.size(); i++) {
            oneHot.putScalar(i, labels.get(i).asInt(), 1f);
        }
        Map<String, INDArray> gradients = gradientsByTensor(graph, input, oneHot);
        JsonNode expected = reference.get("gradients");
        assertEquals(expected.size(), gradients.size(), "tensors with a gradient: " + gradients.keySet());
        Map<String, Double> differences = new TreeMap<>();
        expected.fields().forEachRemaining(entry -> {
            INDArray actual = gradients.get(entry.getKey());
            assertTrue(actual != null, "no parameter is named " + entry.getKey() + ": " + gradients.keySet());
            INDArray pytorch = Nd4j.create(floats(entry.getValue()), actual.shape()).castTo(DataType.FLOAT);
            differences.put(entry.getKey(), Difference.relative(actual, pytorch));
        });
        System.out.println("relative differences to PyTorch's gradients: " + differences);
        differences.forEach((tensor, relative) -> assertTrue(relative < TOLERANCE, tensor + ": relative difference " + relative
                + " to PyTorch's gradient; all: " + differences));
    }

    /**
     * DL4J's gradient of the batch's mean loss, per ONNX tensor in ONNX's layout. DL4J holds the
     * gradient of the summed loss (its updater divides by the batch size) in DL4J's layout; the
     * parameter views that name each tensor in ONNX's layout read it once it stands in the
     * parameter's place.
     */
    private static Map<String, INDArray> gradientsByTensor(ComputationGraph graph, INDArray input, INDArray labels) {
        graph.setInputs(input);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Gradient gradient = graph.gradient();
        INDArray parameters = graph.params().dup();
        Map<String, INDArray> byTensor = new HashMap<>();
        for (ParamTensor tensor : ModelHandle.of(graph).parameters()) {
            INDArray parameter = graph.getLayer(tensor.layer()).getParam(tensor.key());
            parameter.assign(gradient.getGradientFor(tensor.layer() + "_" + tensor.key()).div(input.size(0)));
            byTensor.put(tensor.qualifiedName(), tensor.values().dup('c'));
        }
        graph.params().assign(parameters);
        return byTensor;
    }

    private static double[] floats(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }
}
