package io.github.slim4j.onnx.bench;

import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model file holds, read from the graph without running it.
 *
 * @param parameters the weights' elements: float initializers and Constant tensors, and the integer
 *     codes behind DequantizeLinear; quantization scales and zero points are not parameters
 * @param weightZeros the share of zeros among the weights of rank 2 or more (a quantized weight is
 *     zero where its code equals its zero point), the zeros that pruning leaves in place
 */
public record ModelFacts(long parameters, double weightZeros) {

    public static ModelFacts of(ModelProto model) {
        var graph = model.getGraph();
        Set<String> quantizationParameters = new HashSet<>();
        Map<String, NodeProto> dequantizing = new HashMap<>();
        List<TensorProto> tensors = new ArrayList<>(graph.getInitializerList());
        for (NodeProto node : graph.getNodeList()) {
            switch (node.getOpType()) {
                case "QuantizeLinear", "DequantizeLinear" -> {
                    for (int i = 1; i < node.getInputCount(); i++) {
                        quantizationParameters.add(node.getInput(i));
                    }
                    if (node.getOpType().equals("DequantizeLinear")) {
                        dequantizing.put(node.getInput(0), node);
                    }
                }
                case "Constant" -> node.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .ifPresent(value -> tensors.add(value.getT().toBuilder().setName(node.getOutput(0)).build()));
                default -> { }
            }
        }
        Map<String, TensorProto> byName = new HashMap<>();
        tensors.forEach(tensor -> byName.put(tensor.getName(), tensor));
        long parameters = 0;
        long weights = 0;
        long zeros = 0;
        for (TensorProto tensor : tensors) {
            boolean real = tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE || tensor.getDataType() == TensorProto.DataType.DOUBLE_VALUE
                    || tensor.getDataType() == TensorProto.DataType.FLOAT16_VALUE;
            NodeProto dequantize = dequantizing.get(tensor.getName());
            if (quantizationParameters.contains(tensor.getName()) || !(real || dequantize != null)) {
                continue;
            }
            long elements = TensorData.elements(tensor.getDimsList().stream().mapToLong(Long::longValue).toArray());
            parameters += elements;
            if (tensor.getDimsCount() >= 2) {
                long counted = zeros(tensor, dequantize, byName);
                if (counted >= 0) {
                    weights += elements;
                    zeros += counted;
                }
            }
        }
        return new ModelFacts(parameters, weights == 0 ? 0 : zeros / (double) weights);
    }

    /** The tensor's zeros, or -1 when its type is one slim4j does not read (int4, float16). */
    private static long zeros(TensorProto tensor, NodeProto dequantize, Map<String, TensorProto> byName) {
        TensorData data;
        TensorData zeroPoints = null;
        try {
            data = TensorData.of(tensor);
            if (dequantize != null && dequantize.getInputCount() > 2 && byName.containsKey(dequantize.getInput(2))) {
                zeroPoints = TensorData.of(byName.get(dequantize.getInput(2)));
            }
        } catch (OnnxException unreadable) {
            return -1;
        }
        if (data.floats() != null) {
            long count = 0;
            for (float value : data.floats()) {
                count += value == 0f ? 1 : 0;
            }
            return count;
        }
        return zeroCodes(data, zeroPoints, dequantize == null ? 1 : axis(dequantize, data.rank()));
    }

    /** Codes equal to their zero point: one for the tensor, or one per index along the axis. */
    private static long zeroCodes(TensorData codes, TensorData zeroPoints, int axis) {
        long[] values = codes.ints();
        long[] zero = zeroPoints == null ? new long[] {0} : zeroPoints.ints();
        long inner = 1;
        for (int d = axis + 1; d < codes.rank(); d++) {
            inner *= codes.shape()[d];
        }
        long size = codes.shape()[axis];
        long count = 0;
        for (int i = 0; i < values.length; i++) {
            long point = zero.length == 1 ? zero[0] : zero[(int) ((i / inner) % size)];
            count += values[i] == point ? 1 : 0;
        }
        return count;
    }

    private static int axis(NodeProto dequantize, int rank) {
        for (AttributeProto attribute : dequantize.getAttributeList()) {
            if (attribute.getName().equals("axis")) {
                long axis = attribute.getI();
                return (int) (axis < 0 ? axis + rank : axis);
            }
        }
        return 1;
    }
}
