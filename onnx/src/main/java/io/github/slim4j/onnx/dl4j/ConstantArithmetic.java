package io.github.slim4j.onnx.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code x op c} or {@code c op x} for an activation x and a constant c that broadcasts to x's
 * shape, such as a per-channel {@code [C, 1, 1]} scale or a scalar. The output keeps x's shape;
 * the importer refuses a constant that would widen it.
 *
 * @param constant the constant, reshaped to x's rank (leading ones) so it broadcasts the NumPy way
 * @param constantFirst whether the constant is the left operand
 */
public record ConstantArithmetic(Arithmetic op, INDArray constant, boolean constantFirst) implements VertexOp {

    @Override
    public int inputs() {
        return 1;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        INDArray x = inputs[0];
        return constantFirst ? op.apply(broadcast(x), x) : op.apply(x, broadcast(x));
    }

    @Override
    public INDArray[] backward(INDArray[] inputs, INDArray epsilon) {
        INDArray x = inputs[0];
        INDArray c = broadcast(x);
        return new INDArray[] {constantFirst ? op.gradientOfSecond(c, x, epsilon) : op.gradientOfFirst(x, c, epsilon)};
    }

    /** The constant at x's rank and data type, for ND4J's broadcasting. */
    private INDArray broadcast(INDArray x) {
        INDArray c = constant.castTo(x.dataType());
        if (c.rank() == x.rank()) {
            return c;
        }
        long[] shape = new long[x.rank()];
        Arrays.fill(shape, 1);
        System.arraycopy(c.shape(), 0, shape, shape.length - c.rank(), c.rank());
        return c.reshape(shape);
    }

    @Override
    public boolean preservesValues() {
        return false;
    }
}
