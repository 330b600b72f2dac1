package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.dl4j.Arithmetic;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arithmetic on constants, done while converting: the shape bookkeeping that exporters leave in a
 * graph ({@code Shape → Gather → Concat → Reshape}), and constants computed from constants. Integer
 * data that holds {@link ShapeOps#BATCH_SIZE} keeps it wherever it is copied, and refuses to be
 * computed with.
 */
final class ConstantFolding {
    private ConstantFolding() {
    }

    static TensorData arithmetic(NodeProto node, Arithmetic op, TensorData a, TensorData b) {
        if (a.isReal() || b.isReal()) {
            INDArray result = op.apply(a.toArray(), b.toArray());
            return TensorData.ofFloats(node.getOutput(0), result.shape(), result.dup('c').data().asFloat());
        }
        long[] x = a.ints();
        long[] y = b.ints();
        if (x.length != y.length && x.length != 1 && y.length != 1) {
            throw Conversion.error(node, "integer constants of shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " do not broadcast here");
        }
        int n = Math.max(x.length, y.length);
        long[] result = new long[n];
        for (int i = 0; i < n; i++) {
            long u = x[x.length == 1 ? 0 : i];
            long v = y[y.length == 1 ? 0 : i];
            if (u == ShapeOps.BATCH_SIZE || v == ShapeOps.BATCH_SIZE) {
                throw Conversion.error(node, "computes with the batch size, which slim4j leaves open");
            }
            result[i] = switch (op) {
                case ADD -> u + v;
                case SUB -> u - v;
                case MUL -> u * v;
                case DIV -> Math.floorDiv(u, v);
            };
        }
        return TensorData.ofLongs(node.getOutput(0), x.length >= y.length ? a.shape() : b.shape(), result);
    }

    /** Constants joined along an axis: 1-D integer shape pieces, or float tensors. */
    static TensorData concat(NodeProto node, TensorData[] parts, int axis) {
        if (Arrays.stream(parts).noneMatch(TensorData::isReal) && Arrays.stream(parts).allMatch(p -> p.rank() == 1)) {
            long[] joined = Arrays.stream(parts).flatMapToLong(p -> Arrays.stream(p.ints())).toArray();
            return TensorData.ofLongs(node.getOutput(0), new long[] {joined.length}, joined);
        }
        INDArray[] arrays = Arrays.stream(parts).map(TensorData::toArray).toArray(INDArray[]::new);
        INDArray joined = Nd4j.concat(axis, arrays);
        return TensorData.ofFloats(node.getOutput(0), joined.shape(), joined.dup('c').data().asFloat());
    }

    /** The same values in another shape. */
    static TensorData reshape(NodeProto node, TensorData data, long[] shape) {
        return data.isReal() ? TensorData.ofFloats(node.getOutput(0), shape, data.floats())
                : TensorData.ofLongs(node.getOutput(0), shape, data.ints());
    }
}
