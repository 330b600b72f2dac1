package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.runtime.ExposedOutputs;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A session hands later batches' outputs over in arrays it pins for ONNX Runtime to write into;
 * the first batch of a shape is fetched the ordinary way. Both must give the same bits, whatever
 * the order of batch sizes.
 */
class OrtModelTest {

    @ParameterizedTest
    @FieldSource("io.github.slim4j.onnx.Fixtures#SMALL")
    void pinnedOutputsHoldWhatAFreshSessionFetches(String fixture) {
        ModelProto original = OnnxFile.read(Fixtures.small(fixture));
        Map<String, Integer> everyNode = new LinkedHashMap<>();
        for (NodeProto node : original.getGraph().getNodeList()) {
            everyNode.put(node.getOutput(0), TensorProto.DataType.FLOAT_VALUE);
        }
        ModelProto model = ExposedOutputs.of(original, everyNode);
        List<String> outputs = new ArrayList<>(everyNode.keySet());
        long[] example = Inputs.exampleShape(model);
        List<INDArray> batches = List.of(Inputs.normal(example, 7, 1), Inputs.normal(example, 3, 2), Inputs.normal(example, 7, 3),
                Inputs.normal(example, 3, 4), Inputs.normal(example, 7, 5));
        try (OrtModel reused = OrtModel.of(model, 1)) {
            for (int b = 0; b < batches.size(); b++) {
                Map<String, INDArray> pinned = reused.run(batches.get(b), outputs);
                Map<String, INDArray> fetched;
                try (OrtModel fresh = OrtModel.of(model, 1)) {
                    fetched = fresh.run(batches.get(b), outputs);
                }
                assertEquals(outputs, List.copyOf(pinned.keySet()), "outputs in the order asked for");
                for (String output : outputs) {
                    assertArrayEquals(fetched.get(output).shape(), pinned.get(output).shape(), output);
                    assertArrayEquals(FloatBitsOf.of(fetched.get(output)), FloatBitsOf.of(pinned.get(output)), fixture + ", batch " + b + ", " + output);
                }
            }
        }
    }
}
