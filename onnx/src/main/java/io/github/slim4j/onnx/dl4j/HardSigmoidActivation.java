package io.github.slim4j.onnx.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * ONNX's {@code HardSigmoid}: {@code max(0, min(1, alpha x + beta))}. DL4J's own hard sigmoid fixes
 * alpha = 0.2 and beta = 0.5 (ONNX's defaults); PyTorch exports alpha = 1/6.
 */
public final class HardSigmoidActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    private final double alpha;
    private final double beta;

    public HardSigmoidActivation(@JsonProperty("alpha") double alpha, @JsonProperty("beta") double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        in.muli(alpha).addi(beta);
        return Transforms.min(Transforms.max(in, 0, false), 1, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray linear = in.mul(alpha).addi(beta);
        INDArray slope = linear.gt(0).castTo(in.dataType()).muli(linear.lt(1).castTo(in.dataType())).muli(alpha);
        return new Pair<>(epsilon.mul(slope), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSigmoidActivation h && h.alpha == alpha && h.beta == beta;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha) * 31 + Double.hashCode(beta);
    }

    @Override
    public String toString() {
        return "hardsigmoid(" + alpha + ", " + beta + ")";
    }
}
