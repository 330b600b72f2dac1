package io.github.slim4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightAxesTest {

    @Test
    void eachLayoutHasItsAxes() {
        assertEquals(new WeightAxes(1, 0), WeightAxes.raw(2));
        assertEquals(new WeightAxes(3, 0), WeightAxes.raw(4));
        assertEquals(new WeightAxes(0, 1), WeightAxes.dl4j("DenseLayer", 2));
        assertEquals(new WeightAxes(0, 1), WeightAxes.dl4j("LSTM", 2));
        assertEquals(new WeightAxes(1, 0), WeightAxes.dl4j("ConvolutionLayer", 4));
        assertEquals(new WeightAxes(1, 0), WeightAxes.dl4j("Convolution3D", 5));
        assertEquals(new WeightAxes(0, 1), WeightAxes.dl4j("Deconvolution2D", 4));
        assertEquals(new WeightAxes(4, 3), WeightAxes.dl4j("Deconvolution3D", 5));
        assertEquals(new WeightAxes(2, 3), WeightAxes.dl4j("DepthwiseConvolution2D", 4));
        assertEquals(WeightAxes.NONE, WeightAxes.dl4j("DenseLayer", 1));
        assertEquals(WeightAxes.NONE, WeightAxes.raw(0));
    }

    @Test
    void handlesGiveEachTensorTheAxesOfItsLayout() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).name("conv").build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).name("dw").build())
                .layer(new DenseLayer.Builder().nOut(5).name("fc").build())
                .layer(new OutputLayer.Builder().nOut(2).name("out").build())
                .setInputType(InputType.convolutional(8, 8, 1)).build());
        net.init();
        Map<String, WeightAxes> axes = new LinkedHashMap<>();
        ModelHandle.of(net).parameters().forEach(p -> axes.put(p.qualifiedName(), p.axes()));
        assertEquals(new WeightAxes(1, 0), axes.get("conv_W"));
        assertEquals(new WeightAxes(2, 3), axes.get("dw_W"));
        assertEquals(new WeightAxes(0, 1), axes.get("fc_W"));
        assertEquals(WeightAxes.NONE, axes.get("fc_b"));

        Map<String, INDArray> tensors = Map.of("fc1.weight", Nd4j.create(DataType.FLOAT, 3, 4));
        assertEquals(new WeightAxes(1, 0), ModelHandle.of(tensors).parameters().get(0).axes());
        assertEquals(new WeightAxes(2, 0), ModelHandle.of(Nd4j.create(DataType.FLOAT, 2, 3, 4)).parameters().get(0).axes());
    }
}
