package io.github.slim4j.onnx.bench;

import java.util.List;

/**
 * Multiply-accumulates per example of the convolutions and matrix products in a profile, from the
 * shapes ONNX Runtime reports: a convolution does, for each output element, one MAC per weight of
 * a filter (its weight's size over its output channels); a matrix product, for each output
 * element, one per element of the shared dimension. Everything else (activations, pooling,
 * additions) is left out, as FLOP counters for CNNs usually do.
 */
final class Macs {
    private Macs() {
    }

    static long perExample(List<ProfiledNode> nodes, long batch) {
        long total = 0;
        for (ProfiledNode node : nodes) {
            total += of(node);
        }
        return total / batch;
    }

    static long of(ProfiledNode node) {
        return switch (node.op()) {
            case "Conv", "FusedConv", "NhwcFusedConv", "ConvInteger" -> convolution(node, 1);
            case "QLinearConv" -> convolution(node, 3);
            case "Gemm", "FusedGemm", "MatMul", "FusedMatMul", "MatMulInteger", "QLinearMatMul", "QGemm" -> product(node);
            default -> 0;
        };
    }

    private static long convolution(ProfiledNode node, int weight) {
        if (node.inputShapes().size() <= weight || node.outputShapes().isEmpty()) {
            return 0;
        }
        long[] filters = node.inputShapes().get(weight);
        return filters.length == 0 ? 0 : elements(node.outputShapes().get(0)) * (elements(filters) / filters[0]);
    }

    /** The shared dimension is the first input's last for MatMul and for Gemm alike: A's size over the output's rows. */
    private static long product(ProfiledNode node) {
        long[] out = node.outputShapes().isEmpty() ? new long[0] : node.outputShapes().get(0);
        long[] a = node.inputShapes().isEmpty() ? new long[0] : node.inputShapes().get(0);
        if (out.length < 2 || a.length < 2) {
            return 0;
        }
        long rows = elements(out) / out[out.length - 1];
        return elements(out) * (elements(a) / rows);
    }

    private static long elements(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }
}
