package io.github.slim4j.onnx.dl4j;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ONNX's element-wise binary operators, with NumPy broadcasting. */
public enum Arithmetic {
    ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div");

    private final String onnxName;

    Arithmetic(String onnxName) {
        this.onnxName = onnxName;
    }

    public String onnxName() {
        return onnxName;
    }

    /** The ONNX operator of that name, if it is one of these. */
    public static Optional<Arithmetic> ofOnnx(String opType) {
        for (Arithmetic op : values()) {
            if (op.onnxName.equals(opType)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** {@code a op b}, a new array; the operands broadcast against each other. */
    public INDArray apply(INDArray a, INDArray b) {
        return switch (this) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
        };
    }

    /** The gradient of {@code a op b} with respect to a, before any broadcast is summed away. */
    INDArray gradientOfFirst(INDArray a, INDArray b, INDArray epsilon) {
        return switch (this) {
            case ADD, SUB -> epsilon.dup();
            case MUL -> epsilon.mul(b);
            case DIV -> epsilon.div(b);
        };
    }

    /** The gradient of {@code a op b} with respect to b, before any broadcast is summed away. */
    INDArray gradientOfSecond(INDArray a, INDArray b, INDArray epsilon) {
        return switch (this) {
            case ADD -> epsilon.dup();
            case SUB -> epsilon.neg();
            case MUL -> epsilon.mul(a);
            case DIV -> epsilon.mul(a).divi(b).divi(b).negi();
        };
    }
}
