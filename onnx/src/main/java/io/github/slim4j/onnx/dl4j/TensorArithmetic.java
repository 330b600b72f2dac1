package io.github.slim4j.onnx.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code a op b} for two activations whose shapes differ but broadcast, such as a squeeze-and-excite
 * gate {@code [N, C, 1, 1]} times a feature map {@code [N, C, H, W]}, or a division, which DL4J's
 * element-wise vertex lacks. Each operand's gradient is summed over the axes it was broadcast along.
 */
public record TensorArithmetic(Arithmetic op) implements VertexOp {

    @Override
    public int inputs() {
        return 2;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        return op.apply(inputs[0], inputs[1]);
    }

    @Override
    public INDArray[] backward(INDArray[] inputs, INDArray epsilon) {
        INDArray a = inputs[0];
        INDArray b = inputs[1];
        return new INDArray[] {reduceTo(op.gradientOfFirst(a, b, epsilon), a), reduceTo(op.gradientOfSecond(a, b, epsilon), b)};
    }

    /** Sums a gradient of the output's shape over the axes the operand was broadcast along. */
    private static INDArray reduceTo(INDArray gradient, INDArray operand) {
        int extra = gradient.rank() - operand.rank();
        List<Integer> axes = new ArrayList<>();
        for (int axis = 0; axis < gradient.rank(); axis++) {
            if (axis < extra || (operand.size(axis - extra) == 1 && gradient.size(axis) != 1)) {
                axes.add(axis);
            }
        }
        if (axes.isEmpty()) {
            return gradient;
        }
        INDArray summed = gradient.sum(true, axes.stream().mapToInt(Integer::intValue).toArray());
        return summed.reshape(operand.shape());
    }

    @Override
    public boolean preservesValues() {
        return false;
    }
}
