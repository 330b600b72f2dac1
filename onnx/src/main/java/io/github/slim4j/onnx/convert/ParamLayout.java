package io.github.slim4j.onnx.convert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How an ONNX initializer is laid out in the DL4J parameter that holds it. Each layout gives a live
 * view of the DL4J parameter in the ONNX tensor's shape and order, so compression reads and writes
 * the tensor the user knows, and export copies it back unchanged.
 */
sealed interface ParamLayout {

    /** The DL4J parameter seen as the ONNX tensor; writes go through to the parameter. */
    INDArray onnxView(INDArray parameter);

    /** The same shape and element order. */
    record Same() implements ParamLayout {
        @Override
        public INDArray onnxView(INDArray parameter) {
            return parameter;
        }
    }

    /**
     * A Gemm weight {@code [out, in]} (transB = 1) held by a DL4J dense layer as {@code [in, out]}
     * in Fortran order: the transpose is a C-ordered view of the same memory.
     */
    record Transposed() implements ParamLayout {
        @Override
        public INDArray onnxView(INDArray parameter) {
            return parameter.transpose();
        }
    }

    /**
     * A depthwise Conv weight {@code [C·m, 1, kH, kW]} held by DL4J's depthwise convolution as
     * {@code [kH, kW, C, m]}; output channel {@code c·m + k} is the k-th filter of input channel c
     * in both.
     */
    record Depthwise() implements ParamLayout {
        @Override
        public INDArray onnxView(INDArray parameter) {
            long kH = parameter.size(0);
            long kW = parameter.size(1);
            long channels = parameter.size(2);
            long multiplier = parameter.size(3);
            return parameter.permute(2, 3, 0, 1).reshape('c', channels * multiplier, 1, kH, kW);
        }
    }

    /** The same elements in another shape, such as a Gemm bias {@code [1, out]} held as {@code [out]}. */
    record Reshaped(long[] shape) implements ParamLayout {
        public Reshaped {
            shape = shape.clone();
        }

        @Override
        public INDArray onnxView(INDArray parameter) {
            return parameter.reshape(shape);
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }
}
