package io.github.slim4j.onnx.bench;

import java.util.HashSet;
import java.util.Set;

/** Operators as ONNX Runtime's CPU provider runs them, grouped by what their time says. */
final class OpKinds {
    /** Integer kernels that QDQ fusion produces, or that a QOperator file holds. */
    static final Set<String> INTEGER = Set.of("QLinearConv", "QGemm", "QLinearMatMul", "ConvInteger", "MatMulInteger",
            "QLinearAdd", "QLinearMul", "QLinearGlobalAveragePool", "QLinearAveragePool", "QLinearConcat", "QLinearSigmoid",
            "QLinearLeakyRelu", "QLinearSoftmax");
    /** Float convolutions and matrix products, fused with their activation or not. */
    static final Set<String> FLOAT_COMPUTE = Set.of("Conv", "FusedConv", "NhwcFusedConv", "Gemm", "FusedGemm", "MatMul", "FusedMatMul");
    /** Integer convolutions and matrix products. */
    static final Set<String> INTEGER_COMPUTE = Set.of("QLinearConv", "QGemm", "QLinearMatMul", "ConvInteger", "MatMulInteger");
    /** Conversions between float and integer codes that were not fused into an integer kernel. */
    static final Set<String> QDQ = Set.of("QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear");
    /** Changes of memory layout that compute nothing. */
    static final Set<String> LAYOUT = Set.of("Transpose", "ReorderInput", "ReorderOutput");
    /** Convolutions and matrix products of either kind: the work compression shrinks. */
    static final Set<String> COMPUTE = union(FLOAT_COMPUTE, INTEGER_COMPUTE);

    private OpKinds() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }
}
