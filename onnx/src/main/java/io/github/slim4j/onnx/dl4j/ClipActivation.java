package io.github.slim4j.onnx.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * ONNX's {@code Clip}: {@code min(max(x, min), max)}. DL4J has this only for [0, 6] (ReLU6) and
 * [-1, 1] (hard tanh). The gradient passes where the input lies strictly inside the range.
 */
public final class ClipActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    private final double min;
    private final double max;

    public ClipActivation(@JsonProperty("min") double min, @JsonProperty("max") double max) {
        this.min = min;
        this.max = max;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.min(Transforms.max(in, min, false), max, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(min).castTo(in.dataType()).muli(in.lt(max).castTo(in.dataType()));
        return new Pair<>(epsilon.mul(inside), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClipActivation clip && clip.min == min && clip.max == max;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(min) * 31 + Double.hashCode(max);
    }

    @Override
    public String toString() {
        return "clip(" + min + ", " + max + ")";
    }
}
