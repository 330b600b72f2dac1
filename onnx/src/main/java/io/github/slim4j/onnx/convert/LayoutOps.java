package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.dl4j.OnnxVertex;
import io.github.slim4j.onnx.dl4j.Permute;
import io.github.slim4j.onnx.dl4j.Reshape;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * Operators that move values without computing new ones (Flatten, Reshape, Transpose, Identity,
 * Dropout, zero Pad), and Softmax. A reshape that changes nothing and Identity/Dropout (inference
 * form) become no vertex at all: their output names the input's vertex.
 */
final class LayoutOps {
    private LayoutOps() {
    }

    static void alias(NodeProto node, Conversion conversion) {
        if (node.getOpType().equals("Dropout") && node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            throw Conversion.error(node, "the mask output is not supported");
        }
        Value input = conversion.input(node, 0);
        // A constant passed on keeps the name its readers use: exporters write Identity nodes for tensors they share.
        conversion.define(node.getOutput(0), input instanceof Value.Constant constant
                ? new Value.Constant(constant.data().named(node.getOutput(0))) : input);
    }

    static void flatten(NodeProto node, Conversion conversion) {
        Value input = conversion.input(node, 0);
        long[] shape = input instanceof Value.Activation x ? x.shape() : ((Value.Constant) input).data().shape();
        long axis = conversion.attributes(node).getInt("axis", 1);
        // Flatten's axis may also be the rank itself: everything goes to the outer dimension.
        int at = axis == shape.length ? shape.length : Conversion.axis(node, "axis", axis, shape.length);
        long inner = 1;
        for (int i = at; i < shape.length; i++) {
            inner *= shape[i];
        }
        if (input instanceof Value.Constant constant) {
            long outer = constant.data().count() / Math.max(inner, 1);
            conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.reshape(node, constant.data(), new long[] {outer, inner})));
            return;
        }
        if (at != 1) {
            throw Conversion.error(node, "flattens from axis " + axis + "; slim4j keeps the batch axis apart, so axis must be 1");
        }
        reshape(node, conversion, (Value.Activation) input, new long[] {inner});
    }

    static void reshape(NodeProto node, Conversion conversion) {
        Value input = conversion.input(node, 0);
        long[] target = conversion.constant(node, 1, "shape").longs("shape");
        boolean allowZero = conversion.attributes(node).getInt("allowzero", 0) != 0;
        if (input instanceof Value.Constant constant) {
            long[] shape = resolve(node, constant.data().shape(), constant.data().count(), target, allowZero);
            conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.reshape(node, constant.data(), shape)));
            return;
        }
        Value.Activation x = (Value.Activation) input;
        long[] example = exampleShape(node, x, target, allowZero);
        reshape(node, conversion, x, example);
    }

    /** The target shape after the batch axis: the first entry must keep the batch (0, -1 or the folded batch size). */
    private static long[] exampleShape(NodeProto node, Value.Activation x, long[] target, boolean allowZero) {
        if (target.length == 0) {
            throw Conversion.error(node, "reshapes to a scalar, dropping the batch axis");
        }
        long first = target[0];
        boolean keepsBatch = first == ShapeOps.BATCH_SIZE || (first == 0 && !allowZero) || first == -1;
        if (!keepsBatch) {
            throw Conversion.error(node, "reshapes [batch, ...] to " + describe(target) + "; slim4j keeps the batch axis first, "
                    + "so the target must start with 0, -1 or the batch size");
        }
        long[] rest = Arrays.copyOfRange(target, 1, target.length);
        long[] inputRest = x.exampleShape();
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == 0 && !allowZero) {
                if (i + 1 >= x.rank()) {
                    throw Conversion.error(node, "copies dimension " + (i + 1) + " of an input of shape " + x.describeShape());
                }
                rest[i] = inputRest[i];
            } else if (rest[i] == ShapeOps.BATCH_SIZE) {
                throw Conversion.error(node, "puts the batch size on axis " + (i + 1) + "; slim4j keeps the batch axis first");
            }
        }
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == -1) {
                if (unknown >= 0) {
                    throw Conversion.error(node, "target " + describe(target) + " has more than one -1");
                }
                unknown = i;
            } else {
                known *= rest[i];
            }
        }
        if (first == -1 && unknown >= 0) {
            throw Conversion.error(node, "target " + describe(target) + " leaves both the batch and another axis open");
        }
        if (unknown >= 0) {
            rest[unknown] = x.exampleSize() / known;
            known *= rest[unknown];
        }
        if (known != x.exampleSize()) {
            throw Conversion.error(node, "cannot reshape " + x.describeShape() + " to " + describe(target));
        }
        return rest;
    }

    private static void reshape(NodeProto node, Conversion conversion, Value.Activation x, long[] example) {
        if (Arrays.equals(example, x.exampleShape())) {
            conversion.define(node.getOutput(0), x);
            return;
        }
        long[] shape = new long[example.length + 1];
        shape[0] = Value.Activation.BATCH;
        System.arraycopy(example, 0, shape, 1, example.length);
        conversion.addVertex(conversion.vertexName(node), OnnxVertex.of(new Reshape(example), example), node.getOutput(0), shape,
                x.vertex());
    }

    /** A constant's reshape, with ONNX's 0 (copy) and -1 (infer). */
    private static long[] resolve(NodeProto node, long[] input, long count, long[] target, boolean allowZero) {
        long[] shape = target.clone();
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0 && !allowZero) {
                shape[i] = input[i];
            }
            if (shape[i] == -1) {
                unknown = i;
            } else {
                known *= shape[i];
            }
        }
        if (unknown >= 0) {
            shape[unknown] = count / Math.max(known, 1);
        }
        return shape;
    }

    static void transpose(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        int rank = x.rank();
        long[] perm = conversion.attributes(node).getInts("perm").orElseGet(() -> {
            long[] reversed = new long[rank];
            for (int i = 0; i < rank; i++) {
                reversed[i] = rank - 1 - i;
            }
            return reversed;
        });
        if (perm.length != rank || perm[0] != 0) {
            throw Conversion.error(node, "perm " + Arrays.toString(perm) + " moves the batch axis; slim4j keeps it first");
        }
        if (!Arrays.equals(Arrays.stream(perm).sorted().toArray(), LongStream.range(0, rank).toArray())) {
            throw Conversion.error(node, "perm " + Arrays.toString(perm) + " is not an order of the axes 0 to " + (rank - 1));
        }
        int[] order = Arrays.stream(perm).mapToInt(p -> (int) p).toArray();
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = x.dim(order[i]);
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= order[i] == i;
        }
        if (identity) {
            conversion.define(node.getOutput(0), x);
            return;
        }
        conversion.addVertex(conversion.vertexName(node), OnnxVertex.of(new Permute(order), Arrays.copyOfRange(shape, 1, rank)),
                node.getOutput(0), shape, x.vertex());
    }

    /** Constant zero padding of the spatial axes, as DL4J's zero-padding layer. */
    static void pad(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        Attributes attributes = conversion.attributes(node);
        String mode = attributes.getString("mode", "constant");
        long[] pads;
        double value;
        if (conversion.opset() >= 11) {
            pads = conversion.constant(node, 1, "pads").longs("pads");
            value = conversion.hasInput(node, 2) ? conversion.constant(node, 2, "constant_value").doubles()[0] : 0;
        } else {
            pads = attributes.getInts("pads").orElseThrow(() -> Conversion.error(node, "pads is missing"));
            value = attributes.getFloat("value", 0f);
        }
        if (!mode.equals("constant") || value != 0 || x.rank() != 4 || pads.length != 8
                || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || Arrays.stream(pads).anyMatch(p -> p < 0 || p > SpatialAttributes.LARGEST)) {
            throw Conversion.error(node, "mode " + mode + ", value " + value + " and pads " + Arrays.toString(pads)
                    + " are not supported; slim4j imports zero padding of the height and width of [batch, C, H, W] images");
        }
        String name = conversion.vertexName(node);
        ZeroPaddingLayer layer = new ZeroPaddingLayer.Builder((int) pads[2], (int) pads[6], (int) pads[3], (int) pads[7]).build();
        long[] shape = {Value.Activation.BATCH, x.dim(1), x.dim(2) + pads[2] + pads[6], x.dim(3) + pads[3] + pads[7]};
        conversion.addLayer(name, layer, x.vertex(), node.getOutput(0), shape, new ImportedLayer(name, List.of(node.getName()), "Pad",
                node.getOutput(0), Conversion.size(x.dim(1)), Conversion.size(x.dim(1)), Optional.empty()));
    }

    /** Softmax over the features of [batch, features]: the axis is 1 by default before opset 13, the last after. */
    static void softmax(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        long axis = conversion.attributes(node).getInt("axis", conversion.opset() >= 13 ? -1 : 1);
        if (x.rank() != 2 || (axis != 1 && axis != -1)) {
            throw Conversion.error(node, "softmax over axis " + axis + " of " + x.describeShape()
                    + " is not supported; slim4j imports softmax over the features of [batch, features]");
        }
        String name = conversion.vertexName(node);
        conversion.addLayer(name, new ActivationLayer.Builder().activation(new ActivationSoftmax()).build(), x.vertex(),
                node.getOutput(0), x.shape(), new ImportedLayer(name, List.of(node.getName()), "Softmax", node.getOutput(0),
                        Conversion.size(x.dim(1)), Conversion.size(x.dim(1)), Optional.of("softmax")));
    }

    private static String describe(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i] == ShapeOps.BATCH_SIZE ? "batch" : Long.toString(shape[i]));
        }
        return text.append(']').toString();
    }
}
