package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Constant nodes and the bookkeeping on shapes that exporters write around a Reshape (PyTorch's
 * {@code x.view(x.size(0), -1)} becomes {@code Shape → Gather → Unsqueeze → Concat → Reshape}).
 * These fold to constants while converting; the batch size, unknown until data arrives, is carried
 * as {@link #BATCH_SIZE}.
 */
final class ShapeOps {
    /** Stands for the batch size in folded shape data. */
    static final long BATCH_SIZE = Long.MIN_VALUE;

    private ShapeOps() {
    }

    static void constant(NodeProto node, Conversion conversion) {
        Attributes attributes = conversion.attributes(node);
        String name = node.getOutput(0);
        TensorData data = attributes.getTensor("value").map(t -> t.named(name))
                .or(() -> attributes.find("value_float").map(a -> TensorData.ofFloats(name, new long[0], new float[] {a.getF()})))
                .or(() -> attributes.find("value_floats").map(a -> {
                    float[] values = new float[a.getFloatsCount()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = a.getFloats(i);
                    }
                    return TensorData.ofFloats(name, new long[] {values.length}, values);
                }))
                .or(() -> attributes.find("value_int").map(a -> TensorData.ofLongs(name, new long[0], new long[] {a.getI()})))
                .or(() -> attributes.find("value_ints").map(a -> {
                    long[] values = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    return TensorData.ofLongs(name, new long[] {values.length}, values);
                }))
                .orElseThrow(() -> Conversion.error(node, "has no value, value_float(s) or value_int(s) attribute slim4j reads"));
        conversion.define(name, new Value.Constant(data));
    }

    static void shape(NodeProto node, Conversion conversion) {
        Value input = conversion.input(node, 0);
        long[] dims = input instanceof Value.Activation x ? x.shape() : ((Value.Constant) input).data().shape();
        if (input instanceof Value.Activation) {
            dims[0] = BATCH_SIZE;
        }
        Attributes attributes = conversion.attributes(node);
        int rank = dims.length;
        int start = (int) clampAxis(attributes.getInt("start", 0), rank);
        int end = (int) clampAxis(attributes.getInt("end", rank), rank);
        long[] slice = Arrays.copyOfRange(dims, start, Math.max(start, end));
        conversion.define(node.getOutput(0), new Value.Constant(TensorData.ofLongs(node.getOutput(0), new long[] {slice.length}, slice)));
    }

    static void gather(NodeProto node, Conversion conversion) {
        TensorData data = conversion.constant(node, 0, "data");
        TensorData indices = conversion.constant(node, 1, "indices");
        long axis = conversion.attributes(node).getInt("axis", 0);
        if (data.rank() != 1 || axis != 0 || indices.rank() > 1) {
            throw Conversion.error(node, "slim4j folds Gather only on 1-D constants (shape bookkeeping), got data of shape "
                    + Arrays.toString(data.shape()) + " and indices of shape " + Arrays.toString(indices.shape()));
        }
        long[] at = indices.longs("indices");
        int n = (int) data.count();
        long[] picked = new long[at.length];
        float[] pickedFloats = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            int index = (int) (at[i] < 0 ? at[i] + n : at[i]);
            if (index < 0 || index >= n) {
                throw Conversion.error(node, "index " + at[i] + " is out of range for " + n + " values");
            }
            if (data.isReal()) {
                pickedFloats[i] = data.floats()[index];
            } else {
                picked[i] = data.ints()[index];
            }
        }
        long[] shape = indices.shape();
        conversion.define(node.getOutput(0), new Value.Constant(data.isReal()
                ? TensorData.ofFloats(node.getOutput(0), shape, pickedFloats) : TensorData.ofLongs(node.getOutput(0), shape, picked)));
    }

    static void unsqueeze(NodeProto node, Conversion conversion) {
        TensorData data = conversion.constant(node, 0, "data");
        long[] axes = axes(node, conversion);
        int rank = data.rank() + axes.length;
        List<Long> shape = new ArrayList<>();
        Arrays.stream(data.shape()).forEach(shape::add);
        long[] sorted = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
        for (long axis : sorted) {
            shape.add(Conversion.axis(node, "axes", axis, rank), 1L);
        }
        conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.reshape(node, data,
                shape.stream().mapToLong(Long::longValue).toArray())));
    }

    static void squeeze(NodeProto node, Conversion conversion) {
        TensorData data = conversion.constant(node, 0, "data");
        long[] axes = conversion.hasInput(node, 1) || conversion.attributes(node).find("axes").isPresent() ? axes(node, conversion) : null;
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < data.rank(); i++) {
            int axis = i;
            boolean named = axes == null ? data.shape()[i] == 1 : Arrays.stream(axes).anyMatch(a -> (a < 0 ? a + data.rank() : a) == axis);
            if (!named) {
                shape.add(data.shape()[i]);
            }
        }
        conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.reshape(node, data,
                shape.stream().mapToLong(Long::longValue).toArray())));
    }

    static void cast(NodeProto node, Conversion conversion) {
        TensorData data = conversion.constant(node, 0, "input");
        long to = conversion.attributes(node).getInt("to", 0);
        boolean toReal = to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE;
        TensorData cast;
        if (toReal) {
            float[] values = new float[(int) data.count()];
            double[] source = data.doubles();
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) source[i];
            }
            cast = TensorData.ofFloats(node.getOutput(0), data.shape(), values);
        } else {
            long[] values = data.isReal() ? Arrays.stream(data.doubles()).mapToLong(v -> (long) v).toArray() : data.ints();
            cast = TensorData.ofLongs(node.getOutput(0), data.shape(), values);
        }
        conversion.define(node.getOutput(0), new Value.Constant(cast));
    }

    /** Unsqueeze's and Squeeze's axes: an input from opset 13 on, an attribute before. */
    private static long[] axes(NodeProto node, Conversion conversion) {
        if (conversion.opset() >= 13) {
            return conversion.constant(node, 1, "axes").longs("axes");
        }
        return conversion.attributes(node).getInts("axes").orElseThrow(() -> Conversion.error(node, "axes is missing"));
    }

    private static long clampAxis(long axis, int rank) {
        long positive = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, positive));
    }
}
