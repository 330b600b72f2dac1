package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ONNX operators slim4j imports, each with its converter. */
final class Operators {
    private static final Map<String, OpConverter> CONVERTERS = converters();

    private Operators() {
    }

    static Optional<OpConverter> of(NodeProto node) {
        return Optional.ofNullable(CONVERTERS.get(node.getOpType()));
    }

    /** The supported operators, sorted, for messages. */
    static String supported() {
        return String.join(", ", CONVERTERS.keySet());
    }

    private static Map<String, OpConverter> converters() {
        Map<String, OpConverter> converters = new TreeMap<>();
        converters.put("Conv", LinearOps::conv);
        converters.put("Gemm", LinearOps::gemm);
        converters.put("MatMul", LinearOps::matMul);
        converters.put("BatchNormalization", NormalizationOps::batchNormalization);
        converters.put("MaxPool", PoolingOps::maxPool);
        converters.put("AveragePool", PoolingOps::averagePool);
        converters.put("GlobalAveragePool", PoolingOps::globalAveragePool);
        converters.put("GlobalMaxPool", PoolingOps::globalMaxPool);
        for (String activation : Activations.TYPES) {
            converters.put(activation, Activations::convert);
        }
        for (String arithmetic : new String[] {"Add", "Sub", "Mul", "Div"}) {
            converters.put(arithmetic, ArithmeticOps::binary);
        }
        converters.put("Concat", ArithmeticOps::concat);
        converters.put("Softmax", LayoutOps::softmax);
        converters.put("Flatten", LayoutOps::flatten);
        converters.put("Reshape", LayoutOps::reshape);
        converters.put("Transpose", LayoutOps::transpose);
        converters.put("Identity", LayoutOps::alias);
        converters.put("Dropout", LayoutOps::alias);
        converters.put("Pad", LayoutOps::pad);
        converters.put("Constant", ShapeOps::constant);
        converters.put("Shape", ShapeOps::shape);
        converters.put("Gather", ShapeOps::gather);
        converters.put("Unsqueeze", ShapeOps::unsqueeze);
        converters.put("Squeeze", ShapeOps::squeeze);
        converters.put("Cast", ShapeOps::cast);
        return Collections.unmodifiableMap(converters);
    }
}
