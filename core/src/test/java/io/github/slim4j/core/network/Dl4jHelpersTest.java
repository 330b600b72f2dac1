package io.github.slim4j.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The three things DL4J needs before it trains convolutions with oneDNN: the property, the class
 * name it looks up, and ND4J's oneDNN build. Without any one of them a network still works, ten
 * times slower, so only a test notices.
 */
class Dl4jHelpersTest {

    @Test
    void aNewNetworksConvolutionAndBatchNormalizationRunOnOneDnn() {
        Dl4jHelpers.enable();
        assertEquals("false", System.getProperty(Dl4jHelpers.PROPERTY));
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(), "DL4J finds oneDNN in ND4J's native build");
        MultiLayerNetwork net = convolutionNetwork();
        assertInstanceOf(MKLDNNConvHelper.class, ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0)).getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class,
                ((org.deeplearning4j.nn.layers.normalization.BatchNormalization) net.getLayer(1)).getHelper());
    }

    /** The helpers compute what DL4J's own path computes: the same network without them, same weights. */
    @Test
    void theHelpersComputeWhatDl4jsOwnPathComputes() {
        Dl4jHelpers.enable();
        MultiLayerNetwork withHelpers = convolutionNetwork();
        System.setProperty(Dl4jHelpers.PROPERTY, "true");
        MultiLayerNetwork without;
        try {
            without = convolutionNetwork();
        } finally {
            System.setProperty(Dl4jHelpers.PROPERTY, "false");
        }
        without.setParams(withHelpers.params().dup());
        assertNull(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) without.getLayer(0)).getHelper(), "no helper when DL4J's default holds");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 10, 10);
        INDArray a = withHelpers.output(x);
        INDArray b = without.output(x);
        double worst = a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "largest difference relative to the largest output: " + worst);
    }

    private static MultiLayerNetwork convolutionNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).padding(1, 1).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
