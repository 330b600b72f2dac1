package io.github.slim4j.onnx.dl4j;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an {@link OnnxVertex} computes: an ONNX operation without parameters that DL4J's own
 * vertices and layers do not cover. Values are immutable, so DL4J's configuration clones share them.
 */
public sealed interface VertexOp extends Serializable permits ConstantArithmetic, TensorArithmetic, Permute, Reshape {

    /** How many inputs the vertex takes. */
    int inputs();

    /** The output, a new array. */
    INDArray forward(INDArray[] inputs);

    /** The loss gradient for each input, given the output's; each has its input's shape. */
    INDArray[] backward(INDArray[] inputs, INDArray epsilon);

    /** Whether the output holds exactly the input's values, only rearranged. */
    boolean preservesValues();
}
