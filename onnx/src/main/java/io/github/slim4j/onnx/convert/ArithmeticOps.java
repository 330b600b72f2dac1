package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.dl4j.Arithmetic;
import io.github.slim4j.onnx.dl4j.ConstantArithmetic;
import io.github.slim4j.onnx.dl4j.OnnxVertex;
import io.github.slim4j.onnx.dl4j.TensorArithmetic;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * Add, Sub, Mul, Div and Concat. Two activations of one shape go to DL4J's element-wise and merge
 * vertices (residual additions); a constant operand, or operands that broadcast, go to an
 * {@link OnnxVertex}; constants alone are folded.
 */
final class ArithmeticOps {
    private ArithmeticOps() {
    }

    static void binary(NodeProto node, Conversion conversion) {
        Arithmetic op = Arithmetic.ofOnnx(node.getOpType()).orElseThrow();
        Value a = conversion.input(node, 0);
        Value b = conversion.input(node, 1);
        String name;
        if (a instanceof Value.Constant ca && b instanceof Value.Constant cb) {
            conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.arithmetic(node, op, ca.data(), cb.data())));
        } else if (a instanceof Value.Activation x && b instanceof Value.Activation y) {
            name = conversion.vertexName(node);
            if (Arrays.equals(x.shape(), y.shape()) && op != Arithmetic.DIV) {
                conversion.addVertex(name, new ElementWiseVertex(elementWise(op)), node.getOutput(0), x.shape(), x.vertex(), y.vertex());
            } else {
                long[] shape = broadcast(node, x.shape(), y.shape());
                conversion.addVertex(name, OnnxVertex.of(new TensorArithmetic(op), exampleShape(shape)), node.getOutput(0), shape,
                        x.vertex(), y.vertex());
            }
        } else {
            boolean constantFirst = a instanceof Value.Constant;
            Value.Activation x = (Value.Activation) (constantFirst ? b : a);
            TensorData constant = ((Value.Constant) (constantFirst ? a : b)).data();
            long[] shape = broadcast(node, x.shape(), constant.shape());
            if (!Arrays.equals(shape, x.shape())) {
                throw Conversion.error(node, "constant '" + constant.name() + "' of shape " + Arrays.toString(constant.shape())
                        + " would widen the activation of shape " + x.describeShape() + "; slim4j imports constants that broadcast into it");
            }
            name = conversion.vertexName(node);
            conversion.addVertex(name, OnnxVertex.of(new ConstantArithmetic(op, constant.toArray(), constantFirst), x.exampleShape()),
                    node.getOutput(0), x.shape(), x.vertex());
        }
    }

    static void concat(NodeProto node, Conversion conversion) {
        Value[] inputs = new Value[node.getInputCount()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = conversion.input(node, i);
        }
        long axis = conversion.attributes(node).find("axis").map(a -> a.getI())
                .orElseThrow(() -> Conversion.error(node, "axis is missing"));
        if (Arrays.stream(inputs).allMatch(Value.Constant.class::isInstance)) {
            TensorData[] parts = Arrays.stream(inputs).map(v -> ((Value.Constant) v).data()).toArray(TensorData[]::new);
            int rank = parts[0].rank();
            conversion.define(node.getOutput(0), new Value.Constant(ConstantFolding.concat(node, parts, Conversion.axis(node, "axis", axis, rank))));
            return;
        }
        if (!Arrays.stream(inputs).allMatch(Value.Activation.class::isInstance)) {
            throw Conversion.error(node, "joins constants with activations, which is not supported");
        }
        Value.Activation first = (Value.Activation) inputs[0];
        if ((axis < 0 ? axis + first.rank() : axis) != 1) {
            throw Conversion.error(node, "joins along axis " + axis + "; slim4j imports Concat along the channel or feature axis (1)");
        }
        long[] shape = first.shape();
        shape[1] = 0;
        String[] vertices = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Value.Activation x = (Value.Activation) inputs[i];
            shape[1] += x.dim(1);
            vertices[i] = x.vertex();
        }
        conversion.addVertex(conversion.vertexName(node), new MergeVertex(), node.getOutput(0), shape, vertices);
    }

    private static ElementWiseVertex.Op elementWise(Arithmetic op) {
        return switch (op) {
            case ADD -> ElementWiseVertex.Op.Add;
            case SUB -> ElementWiseVertex.Op.Subtract;
            case MUL -> ElementWiseVertex.Op.Product;
            case DIV -> throw new IllegalArgumentException("DL4J has no element-wise division");
        };
    }

    /** NumPy's broadcast of two shapes, with the batch dimension broadcasting as a size of its own. */
    static long[] broadcast(NodeProto node, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw Conversion.error(node, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            shape[i] = x == 1 ? y : x;
        }
        return shape;
    }

    private static long[] exampleShape(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}
