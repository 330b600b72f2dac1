package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The float tensors an ONNX file holds, decoded here from the protobuf (raw little-endian bytes or
 * float_data) rather than by the importer, to check that parameters start with exactly those values.
 */
final class InitializerValues {
    private InitializerValues() {
    }

    /**
     * Each parameter named after a float tensor of the file holds that tensor's values bit for bit.
     * DL4J lays some out differently (a Gemm weight transposed), so the values are compared as
     * sorted raw bits: any rounding, scaling or mix-up of tensors shows, a permutation does not.
     */
    static void assertHeldAsIs(ModelProto model, List<ParamTensor> parameters, String name) {
        Map<String, float[]> tensors = floatTensors(model);
        int compared = 0;
        for (ParamTensor parameter : parameters) {
            String tensor = parameter.qualifiedName().split("@")[0];
            float[] expected = tensors.get(tensor);
            if (expected == null) {
                continue;
            }
            assertEquals(expected.length, parameter.length(), name + ": " + parameter.qualifiedName() + " has the wrong size");
            assertArrayEquals(sortedBits(expected), sortedBits(parameter.values().dup('c').data().asFloat()),
                    name + ": " + parameter.qualifiedName() + " does not hold the file's values");
            compared++;
        }
        assertEquals(parameters.size(), compared, name + ": every parameter holds a float tensor of the file");
    }

    /**
     * The file's float tensors by the name nodes read them under: initializers, Constant outputs,
     * and Identity outputs of those (PyTorch's exporter passes a tensor it deduplicated through an
     * Identity node under the second name).
     */
    static Map<String, float[]> floatTensors(ModelProto model) {
        Map<String, float[]> tensors = new HashMap<>();
        for (TensorProto initializer : model.getGraph().getInitializerList()) {
            if (initializer.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                tensors.put(initializer.getName(), floats(initializer));
            }
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("Constant")) {
                for (AttributeProto attribute : node.getAttributeList()) {
                    if (attribute.getName().equals("value") && attribute.getT().getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                        tensors.put(node.getOutput(0), floats(attribute.getT()));
                    }
                }
            }
            if (node.getOpType().equals("Identity") && tensors.containsKey(node.getInput(0))) {
                tensors.put(node.getOutput(0), tensors.get(node.getInput(0)));
            }
        }
        return tensors;
    }

    private static float[] floats(TensorProto tensor) {
        if (tensor.getFloatDataCount() > 0) {
            float[] values = new float[tensor.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
            return values;
        }
        ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / Float.BYTES];
        raw.asFloatBuffer().get(values);
        return values;
    }

    private static int[] sortedBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        Arrays.sort(bits);
        return bits;
    }
}
