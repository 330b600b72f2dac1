package io.github.slim4j.core.prune.channels;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * Multiply-accumulates per example of each convolution and dense layer of a MultiLayerNetwork, from
 * the sizes its configuration gives each layer's output. Known only when the configuration
 * declares its input: a first dense layer's nIn, or the image a first preprocessor unflattens
 * (what {@code setInputType(InputType.convolutionalFlat(...))} adds). A network that starts with a
 * convolution of undeclared input runs on images of any size, and has no MACs to count.
 */
final class LayerMacs {
    private final long[] macs;

    private LayerMacs(long[] macs) {
        this.macs = macs;
    }

    static LayerMacs of(MultiLayerConfiguration conf) {
        InputType input = input(conf);
        if (input == null) {
            return new LayerMacs(null);
        }
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        long[] macs = new long[outputs.size()];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = macs(conf.getConf(i).getLayer(), outputs.get(i));
        }
        return new LayerMacs(macs);
    }

    private static InputType input(MultiLayerConfiguration conf) {
        if (conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor unflatten) {
            return InputType.feedForward(unflatten.getInputHeight() * unflatten.getInputWidth() * unflatten.getNumChannels());
        }
        Layer first = conf.getConf(0).getLayer();
        if ((first.getClass() == DenseLayer.class || first.getClass() == OutputLayer.class) && ((FeedForwardLayer) first).getNIn() > 0) {
            return InputType.feedForward(((FeedForwardLayer) first).getNIn());
        }
        return null;
    }

    private static long macs(Layer layer, InputType output) {
        if (layer instanceof ConvolutionLayer convolution && output instanceof InputType.InputTypeConvolutional image) {
            int[] kernel = convolution.getKernelSize();
            long perPosition = convolution instanceof DepthwiseConvolution2D ? convolution.getNOut()
                    : convolution.getNOut() * convolution.getNIn();
            return image.getHeight() * image.getWidth() * perPosition * kernel[0] * kernel[1];
        }
        if (layer instanceof FeedForwardLayer dense && (layer.getClass() == DenseLayer.class || layer.getClass() == OutputLayer.class)) {
            return dense.getNIn() * dense.getNOut();
        }
        return 0;
    }

    /** The whole network's MACs per example; empty when its input is not declared. */
    OptionalLong total() {
        return macs == null ? OptionalLong.empty() : OptionalLong.of(Arrays.stream(macs).sum());
    }

    /** The MACs of these layers, by index; empty when the network's input is not declared. */
    OptionalLong sum(Collection<Integer> layers) {
        return macs == null ? OptionalLong.empty() : OptionalLong.of(layers.stream().mapToLong(i -> macs[i]).sum());
    }
}
