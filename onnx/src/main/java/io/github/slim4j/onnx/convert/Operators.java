package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ONNX operators slim4j imports, each with its converter and the number of inputs the ONNX
 * schema allows it at opsets 11 to 17. The counts are checked before any node is converted, so
 * that a converter may read the inputs its operator always has.
 */
final class Operators {
    private static final Map<String, Operator> OPERATORS = operators();

    private record Operator(OpConverter converter, int minInputs, int maxInputs) {
    }

    private Operators() {
    }

    static Optional<OpConverter> of(NodeProto node) {
        return Optional.ofNullable(OPERATORS.get(node.getOpType())).map(Operator::converter);
    }

    /**
     * Refuses a node of a supported operator whose inputs are more or fewer than its schema allows,
     * or that names no output: a corrupt or hand-edited file.
     */
    static void checkArity(NodeProto node) {
        Operator operator = OPERATORS.get(node.getOpType());
        if (operator == null) {
            return;
        }
        int inputs = node.getInputCount();
        if (inputs < operator.minInputs() || inputs > operator.maxInputs()) {
            String allowed = operator.minInputs() == operator.maxInputs() ? String.valueOf(operator.minInputs())
                    : operator.maxInputs() == Integer.MAX_VALUE ? operator.minInputs() + " or more"
                    : operator.minInputs() + " to " + operator.maxInputs();
            throw Conversion.error(node, "has " + inputs + " input(s); ONNX's " + node.getOpType() + " takes " + allowed);
        }
        if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
            throw Conversion.error(node, "names no output; every " + node.getOpType() + " node has one");
        }
    }

    /** The supported operators, sorted, for messages. */
    static String supported() {
        return String.join(", ", OPERATORS.keySet());
    }

    private static Map<String, Operator> operators() {
        Map<String, Operator> operators = new TreeMap<>();
        operators.put("Conv", new Operator(LinearOps::conv, 2, 3));
        operators.put("Gemm", new Operator(LinearOps::gemm, 2, 3));
        operators.put("MatMul", new Operator(LinearOps::matMul, 2, 2));
        operators.put("BatchNormalization", new Operator(NormalizationOps::batchNormalization, 5, 5));
        operators.put("MaxPool", new Operator(PoolingOps::maxPool, 1, 1));
        operators.put("AveragePool", new Operator(PoolingOps::averagePool, 1, 1));
        operators.put("GlobalAveragePool", new Operator(PoolingOps::globalAveragePool, 1, 1));
        operators.put("GlobalMaxPool", new Operator(PoolingOps::globalMaxPool, 1, 1));
        for (String activation : Activations.TYPES) {
            // Clip takes its bounds as optional inputs since opset 11; the others take one input.
            operators.put(activation, new Operator(Activations::convert, 1, activation.equals("Clip") ? 3 : 1));
        }
        for (String arithmetic : new String[] {"Add", "Sub", "Mul", "Div"}) {
            operators.put(arithmetic, new Operator(ArithmeticOps::binary, 2, 2));
        }
        operators.put("Concat", new Operator(ArithmeticOps::concat, 1, Integer.MAX_VALUE));
        operators.put("Softmax", new Operator(LayoutOps::softmax, 1, 1));
        operators.put("Flatten", new Operator(LayoutOps::flatten, 1, 1));
        operators.put("Reshape", new Operator(LayoutOps::reshape, 2, 2));
        operators.put("Transpose", new Operator(LayoutOps::transpose, 1, 1));
        operators.put("Identity", new Operator(LayoutOps::alias, 1, 1));
        operators.put("Dropout", new Operator(LayoutOps::alias, 1, 3));
        operators.put("Pad", new Operator(LayoutOps::pad, 2, 3));
        operators.put("Constant", new Operator(ShapeOps::constant, 0, 0));
        operators.put("Shape", new Operator(ShapeOps::shape, 1, 1));
        operators.put("Gather", new Operator(ShapeOps::gather, 2, 2));
        operators.put("Unsqueeze", new Operator(ShapeOps::unsqueeze, 1, 2));
        operators.put("Squeeze", new Operator(ShapeOps::squeeze, 1, 2));
        operators.put("Cast", new Operator(ShapeOps::cast, 1, 1));
        return Collections.unmodifiableMap(operators);
    }
}
