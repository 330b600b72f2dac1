package io.github.slim4j.core.model;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A single tensor as a model of one layer and one weight, both named "tensor". */
public final class TensorHandle implements ModelHandle {
    static final String NAME = "tensor";

    private final INDArray tensor;

    TensorHandle(INDArray tensor) {
        this.tensor = Objects.requireNonNull(tensor);
    }

    public INDArray tensor() {
        return tensor;
    }

    @Override
    public Object unwrap() {
        return tensor;
    }

    @Override
    public String kind() {
        return "INDArray";
    }

    @Override
    public String javaType() {
        return INDArray.class.getName();
    }

    @Override
    public List<LayerInfo> layers() {
        return List.of(LayerInfo.tensor(0, NAME));
    }

    @Override
    public List<ParamTensor> parameters() {
        return List.of(ParamTensor.named(NAME, NAME, ParamKind.WEIGHT, tensor, WeightAxes.raw(tensor.rank())));
    }

    @Override
    public ModelHandle deepCopy() {
        INDArray copy = tensor.dup();
        TensorBound.copyAll(tensor, copy);
        return new TensorHandle(copy);
    }

    @Override
    public boolean isNetwork() {
        return false;
    }

    @Override
    public String toString() {
        return "TensorHandle" + java.util.Arrays.toString(tensor.shape());
    }
}
