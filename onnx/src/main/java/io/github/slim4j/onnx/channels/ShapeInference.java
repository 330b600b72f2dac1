package io.github.slim4j.onnx.channels;

import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of every value a model computes, worked out from the ONNX operator specifications for
 * the operators channel removal rewrites (and the few it passes by), without running anything.
 * Empty when the graph holds an operator outside that set, or one whose shape depends on computed
 * values (a Reshape to a computed shape): {@link ValueShapes} then asks ONNX Runtime.
 */
final class ShapeInference {
    private static final Set<String> SAME_SHAPE = Set.of("Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu",
            "Selu", "Softplus", "Dropout", "Identity", "BatchNormalization", "Softmax", "LogSoftmax", "Neg", "Abs", "Sqrt", "Exp");
    private static final Set<String> BROADCASTING = Set.of("Add", "Sub", "Mul", "Div");

    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();

    private ShapeInference() {
    }

    static Optional<Map<String, long[]>> of(ModelProto model, long batch) {
        ShapeInference inference = new ShapeInference();
        for (TensorProto initializer : model.getGraph().getInitializerList()) {
            inference.shapes.put(initializer.getName(), dims(initializer));
            inference.constants.put(initializer.getName(), initializer);
        }
        for (ValueInfoProto input : model.getGraph().getInputList()) {
            if (!inference.shapes.containsKey(input.getName())) {
                long[] shape = input.getType().getTensorType().getShape().getDimList().stream().mapToLong(d -> d.getDimValue()).toArray();
                if (shape.length > 0) {
                    shape[0] = batch;
                }
                inference.shapes.put(input.getName(), shape);
            }
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!inference.infer(node)) {
                return Optional.empty();
            }
        }
        return Optional.of(inference.shapes);
    }

    private boolean infer(NodeProto node) {
        String op = node.getOpType();
        if (op.equals("Constant")) {
            var value = new Attributes(node).find("value");
            if (value.isEmpty()) {
                return false;
            }
            constants.put(node.getOutput(0), value.get().getT());
            return put(node, dims(value.get().getT()));
        }
        for (int i = 0; i < node.getInputCount(); i++) {
            if (!node.getInput(i).isEmpty() && !shapes.containsKey(node.getInput(i))) {
                return false;
            }
        }
        long[] x = node.getInputCount() > 0 ? shapes.get(node.getInput(0)) : null;
        Attributes attributes = new Attributes(node);
        if (SAME_SHAPE.contains(op)) {
            return put(node, x);
        }
        if (BROADCASTING.contains(op)) {
            return put(node, broadcast(x, shapes.get(node.getInput(1))));
        }
        return switch (op) {
            case "Conv" -> put(node, spatial(node, x, shapes.get(node.getInput(1))[0], kernel(shapes.get(node.getInput(1))), false));
            case "MaxPool", "AveragePool" -> put(node, spatial(node, x, x[1], attributes.getInts("kernel_shape").orElse(null),
                    attributes.getInt("ceil_mode", 0) != 0));
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                long[] out = x.clone();
                Arrays.fill(out, 2, out.length, 1);
                yield put(node, out);
            }
            case "Gemm" -> {
                long[] b = shapes.get(node.getInput(1));
                long rows = attributes.getInt("transA", 0) != 0 ? x[1] : x[0];
                long columns = attributes.getInt("transB", 0) != 0 ? b[0] : b[1];
                yield put(node, new long[] {rows, columns});
            }
            case "MatMul" -> {
                long[] b = shapes.get(node.getInput(1));
                if (x.length < 2 || b.length != 2) {
                    yield false;
                }
                long[] out = x.clone();
                out[out.length - 1] = b[1];
                yield put(node, out);
            }
            case "Flatten" -> {
                long axis = attributes.getInt("axis", 1);
                int split = (int) (axis < 0 ? axis + x.length : axis);
                yield put(node, new long[] {product(x, 0, split), product(x, split, x.length)});
            }
            case "Reshape" -> put(node, reshape(x, node.getInput(1)));
            case "Concat" -> {
                long axis = attributes.getInt("axis", 0);
                int along = (int) (axis < 0 ? axis + x.length : axis);
                long[] out = x.clone();
                for (int i = 1; i < node.getInputCount(); i++) {
                    out[along] += shapes.get(node.getInput(i))[along];
                }
                yield put(node, out);
            }
            case "Transpose" -> {
                long[] perm = attributes.getInts("perm").orElse(null);
                long[] out = new long[x.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[perm == null ? x.length - 1 - i : (int) perm[i]];
                }
                yield put(node, out);
            }
            default -> false;
        };
    }

    private boolean put(NodeProto node, long[] shape) {
        if (shape == null) {
            return false;
        }
        shapes.put(node.getOutput(0), shape);
        return true;
    }

    /**
     * A convolution's or pooling's output: per spatial axis {@code floor} (or {@code ceil}) of
     * {@code (in + pads − dilation·(kernel − 1) − 1) / stride + 1}, or {@code ceil(in / stride)} with
     * SAME padding; with {@code ceil_mode} a last window that starts in the end padding is dropped.
     */
    private static long[] spatial(NodeProto node, long[] x, long channels, long[] kernel, boolean ceil) {
        if (kernel == null) {
            return null;
        }
        Attributes attributes = new Attributes(node);
        int axes = x.length - 2;
        long[] pads = attributes.getInts("pads").orElse(new long[2 * axes]);
        long[] strides = attributes.getInts("strides").orElse(filled(axes, 1));
        long[] dilations = attributes.getInts("dilations").orElse(filled(axes, 1));
        String autoPad = attributes.getString("auto_pad", "NOTSET");
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = channels;
        for (int i = 0; i < axes; i++) {
            long in = x[i + 2];
            if (autoPad.startsWith("SAME")) {
                out[i + 2] = (in + strides[i] - 1) / strides[i];
                continue;
            }
            long padded = autoPad.equals("VALID") ? in : in + pads[i] + pads[i + axes];
            long span = padded - dilations[i] * (kernel[i] - 1) - 1;
            long size = (ceil ? Math.floorDiv(span + strides[i] - 1, strides[i]) : Math.floorDiv(span, strides[i])) + 1;
            if (ceil && (size - 1) * strides[i] >= in + pads[i]) {
                size--;
            }
            out[i + 2] = size;
        }
        return out;
    }

    private long[] reshape(long[] x, String target) {
        TensorProto proto = constants.get(target);
        if (proto == null) {
            return null;
        }
        long[] wanted = TensorData.of(proto).ints();
        if (wanted == null) {
            return null;
        }
        long[] out = wanted.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = x[i];
            }
            if (out[i] == -1) {
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            out[free] = product(x, 0, x.length) / known;
        }
        return out;
    }

    private static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private static long[] kernel(long[] weight) {
        return Arrays.copyOfRange(weight, 2, weight.length);
    }

    private static long[] dims(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] filled(int count, long value) {
        long[] values = new long[count];
        Arrays.fill(values, value);
        return values;
    }

    private static long product(long[] shape, int from, int to) {
        long product = 1;
        for (int i = from; i < to; i++) {
            product *= shape[i];
        }
        return product;
    }
}
