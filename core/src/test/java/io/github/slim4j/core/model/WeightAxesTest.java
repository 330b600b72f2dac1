package io.github.slim4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class WeightAxesTest {

    @Test
    void eachLayoutHasItsAxes() {
        assertEquals(new WeightAxes(1, 0), axes(LayerInfo.TENSOR_TYPE, 64, 256));
        assertEquals(new WeightAxes(3, 0), axes(LayerInfo.TENSOR_TYPE, 32, 16, 3, 3));
        assertEquals(new WeightAxes(0, 1), axes("DenseLayer", 784, 128));
        assertEquals(new WeightAxes(0, 1), axes("LSTM", 3, 20));
        assertEquals(new WeightAxes(1, 0), axes("ConvolutionLayer", 5, 3, 2, 3));
        assertEquals(new WeightAxes(1, 0), axes("Convolution3D", 5, 3, 2, 3, 4));
        assertEquals(new WeightAxes(0, 1), axes("Deconvolution2D", 3, 5, 2, 3));
        assertEquals(new WeightAxes(4, 3), axes("Deconvolution3D", 2, 3, 4, 5, 3));
        assertEquals(new WeightAxes(2, 3), axes("DepthwiseConvolution2D", 2, 3, 3, 2));
        assertEquals(new WeightAxes(0, 0), axes("DenseLayer", 128));
        assertThrows(IllegalArgumentException.class, () -> axes(LayerInfo.TENSOR_TYPE));
    }

    private static WeightAxes axes(String type, long... shape) {
        ParamTensor tensor = new ParamTensor("l", "W", ParamKind.WEIGHT, Nd4j.create(DataType.FLOAT, shape));
        LayerInfo layer = new LayerInfo(0, "l", type, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        return WeightAxes.of(tensor, layer);
    }
}
