package io.github.slim4j.onnx.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX's {@code Reshape} and {@code Flatten}: the values in C order, read into a new shape whose
 * first axis is the batch, whatever its size. ONNX's tensors and DL4J's activations are both laid
 * out in C order here (NCHW images, {@code [batch, features]} vectors), so this is the ONNX
 * semantics.
 *
 * @param exampleShape the output's shape after the batch axis
 */
public record Reshape(long[] exampleShape) implements VertexOp {

    public Reshape {
        exampleShape = exampleShape.clone();
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public int inputs() {
        return 1;
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        INDArray x = inputs[0];
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = x.size(0);
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return x.dup('c').reshape('c', shape);
    }

    @Override
    public INDArray[] backward(INDArray[] inputs, INDArray epsilon) {
        return new INDArray[] {epsilon.dup('c').reshape('c', inputs[0].shape())};
    }

    @Override
    public boolean preservesValues() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Reshape r && Arrays.equals(r.exampleShape, exampleShape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exampleShape);
    }

    @Override
    public String toString() {
        return "Reshape" + Arrays.toString(exampleShape);
    }
}
