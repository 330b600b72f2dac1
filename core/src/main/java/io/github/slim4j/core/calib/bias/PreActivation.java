package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.network.Dl4jFailures;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense, output or convolution layer's mean pre-activation output per channel, from its mean
 * input: {@code E[W·x + b] = W·E[x] + b}, since the layer is linear before its activation. For a
 * convolution the zero padding keeps it linear, and the mean is also over spatial positions.
 *
 * <p>The layer is run as a one-layer network with the identity activation, on the same
 * configuration and parameters, so DL4J's own kernels compute exactly what the layer does; the
 * network the layer belongs to is not touched.
 */
final class PreActivation {
    private PreActivation() {
    }

    static double[] meanPerChannel(Layer layer, INDArray meanInput) {
        NeuralNetConfiguration conf = layer.conf().clone();
        ((BaseLayer) conf.getLayer()).setActivationFn(new ActivationIdentity());
        MultiLayerNetwork copy = new MultiLayerNetwork(new MultiLayerConfiguration.Builder()
                .confs(List.of(conf))
                .dataType(layer.params().dataType())
                // An output layer's loss wants its own activation, but only the forward pass runs here.
                .validateOutputLayerConfig(false)
                .build());
        copy.init(layer.params(), true);
        INDArray output = Dl4jFailures.call("bias correction", () -> copy.output(meanInput, false)).castTo(DataType.DOUBLE);
        int channels = channelAxis(conf);
        int[] others = IntStream.range(0, output.rank()).filter(axis -> axis != channels).toArray();
        return output.mean(others).toDoubleVector();
    }

    private static int channelAxis(NeuralNetConfiguration conf) {
        if (conf.getLayer() instanceof ConvolutionLayer convolution) {
            return convolution.getCnn2dDataFormat() == CNN2DFormat.NHWC ? 3 : 1;
        }
        return 1;
    }
}
