package io.github.slim4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.runtime.OrtModel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * MultiLayerNetworks built on the JVM, written as ONNX: ONNX Runtime must compute what DL4J
 * computes, and onnx.checker must accept the file.
 */
class NetworkExportTest {
    @TempDir
    Path folder;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("mlp", mlp(), new long[] {8, 20}),
                Arguments.of("cnn", cnn(), new long[] {8, 144}),
                Arguments.of("same-mode cnn", sameModeCnn(), new long[] {8, 2, 11, 11}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void onnxRuntimeComputesWhatDl4jComputes(String name, MultiLayerNetwork network, long[] inputShape) throws Exception {
        ExportedModel exported = NetworkExport.export(network, ExportOptions.asIs());
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, inputShape).subi(0.3);
        INDArray expected = network.output(input);
        try (OrtModel runtime = OrtModel.of(exported.model(), 1)) {
            INDArray actual = runtime.output(input);
            assertEquals(List.of(expected.shape()[0], expected.shape()[1]), List.of(actual.shape()[0], actual.shape()[1]));
            double scale = expected.amaxNumber().doubleValue();
            assertTrue(actual.sub(expected).amaxNumber().doubleValue() <= 1e-4 * scale,
                    () -> name + ": " + actual.sub(expected).amaxNumber() + " against " + scale);
        }
        Path file = folder.resolve(name.replace(' ', '-') + ".onnx");
        OnnxFile.write(exported.model(), file);
        assertEquals(List.of("ok " + file), OnnxChecker.check(List.of(file)));
    }

    @Test
    void whatCannotBeWrittenIsRefusedNamingTheLayer() {
        MultiLayerNetwork recurrent = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new LSTM.Builder().name("lstm").nIn(3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(4).nOut(2).build())
                .build());
        recurrent.init();
        assertEquals("cannot export layer lstm (LSTM)", assertThrows(OnnxException.class,
                () -> NetworkExport.export(recurrent, ExportOptions.asIs())).getMessage());

        MultiLayerNetwork quantized = mlp();
        Quantizer.quantize(ModelHandle.of(quantized), new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.none(), Selection.weights()));
        assertTrue(assertThrows(OnnxException.class, () -> NetworkExport.export(quantized, ExportOptions.asIs())).getMessage()
                .startsWith("a MultiLayerNetwork's quantized weights can only be written as float values (%export --float)"));
        assertTrue(NetworkExport.export(quantized, new ExportOptions(true)).model().getGraph().getInitializerCount() > 0);
    }

    private static MultiLayerNetwork mlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name("fc1").nIn(20).nOut(16).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).name("drop").build())
                .layer(new DenseLayer.Builder().name("fc2").nIn(16).nOut(12).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(12).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(12).nOut(5).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        randomStatistics(net, 3);
        return net;
    }

    /** Flat 12×12 input, conv, batch normalization, ReLU layer, max pool, depthwise, conv, dense, softmax. */
    private static MultiLayerNetwork cnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").useLogStd(false).build())
                .layer(new ActivationLayer.Builder().name("relu1").activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw").depthMultiplier(2).padding(1, 1).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("c2").nOut(6).activation(Activation.RELU6).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(10).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(12, 12, 1))
                .build());
        net.init();
        randomStatistics(net, 1);
        return net;
    }

    /** An image input of two channels, Same-mode strided convolution, average pooling, global pooling, log-std batch normalization. */
    private static MultiLayerNetwork sameModeCnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nIn(2).nOut(6).stride(2, 2).activation(Activation.ELU).build())
                .layer(new BatchNormalization.Builder().name("bn").useLogStd(true).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).name("avg").kernelSize(2, 2).stride(1, 1).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(4).hasBias(false).activation(Activation.HARDSIGMOID).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(11, 11, 2))
                .build());
        net.init();
        randomStatistics(net, 1);
        return net;
    }

    /** Batch normalization with statistics other than its defaults, so that each is seen to be written. */
    private static void randomStatistics(MultiLayerNetwork net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                layer.paramTable().values().forEach(param -> param.assign(Nd4j.rand(DataType.FLOAT, param.shape()).muli(0.5).addi(0.5)));
            }
        }
    }
}
