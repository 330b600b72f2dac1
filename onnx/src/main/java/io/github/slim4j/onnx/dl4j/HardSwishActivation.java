package io.github.slim4j.onnx.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ONNX's {@code HardSwish}: {@code x · max(0, min(1, x/6 + 1/2))}, MobileNetV3's activation, which
 * DL4J lacks. Its derivative is 0 below -3, 1 above 3, and {@code (2x + 3) / 6} between.
 */
public final class HardSwishActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray gate = Transforms.min(Transforms.max(in.div(6).addi(0.5), 0, false), 1, false);
        return in.muli(gate);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray middle = in.gt(-3).castTo(in.dataType()).muli(in.lt(3).castTo(in.dataType()));
        INDArray above = in.gte(3).castTo(in.dataType());
        INDArray slope = in.mul(2).addi(3).divi(6).muli(middle).addi(above);
        return new Pair<>(epsilon.mul(slope), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSwishActivation;
    }

    @Override
    public int hashCode() {
        return HardSwishActivation.class.hashCode();
    }

    @Override
    public String toString() {
        return "hardswish";
    }
}
