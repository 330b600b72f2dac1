package io.github.slim4j.core.calib.equalize;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;

import java.util.ArrayList;
import java.util.List;

/**
 * The adjacent layers of a network that cross-layer equalization can rescale: a dense or
 * convolution layer whose activation is positive homogeneous, {@code f(x / s) = f(x) / s} for
 * {@code s > 0} (ReLU without a cap or threshold, leaky ReLU, identity), followed directly, with no
 * preprocessor between, by a layer of the same kind (dense or output after dense, convolution after
 * convolution) that reads its channels one to one. Dividing the first layer's output channel by s
 * and multiplying the second's input channel by s then leaves the function unchanged.
 *
 * <p>Convolution followed by dense through a flattening preprocessor is left out: each channel
 * spreads over many dense inputs, which the rescaling would have to follow through the
 * preprocessor's layout.
 */
final class EqualizationPairs {

    /** A pair that can be equalized, by layer index. */
    record Pair(int first, int second, String firstName, String secondName, boolean convolution) {
    }

    private final List<Pair> pairs = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    EqualizationPairs(MultiLayerNetwork net) {
        List<LayerInfo> layers = ModelHandle.of(net).layers();
        for (int i = 0; i + 1 < net.getnLayers(); i++) {
            Layer first = net.getLayer(i).conf().getLayer();
            Layer second = net.getLayer(i + 1).conf().getLayer();
            if (!weighted(first) || !(weighted(second) || second.getClass() == OutputLayer.class)) {
                continue;
            }
            String names = layers.get(i).name() + " → " + layers.get(i + 1).name();
            String reason = reasonToSkip(net, i, first, second, layers.get(i));
            if (reason == null) {
                pairs.add(new Pair(i, i + 1, layers.get(i).name(), layers.get(i + 1).name(), first instanceof ConvolutionLayer));
            } else {
                skipped.add(names + ": " + reason);
            }
        }
    }

    List<Pair> pairs() {
        return pairs;
    }

    List<String> skipped() {
        return skipped;
    }

    /** Plain dense and convolution layers; subclasses (depthwise, separable, deconvolution) lay channels out otherwise. */
    private static boolean weighted(Layer layer) {
        return layer.getClass() == DenseLayer.class || layer.getClass() == ConvolutionLayer.class;
    }

    /** Why the pair cannot be equalized, or null when it can. */
    private static String reasonToSkip(MultiLayerNetwork net, int index, Layer first, Layer second, LayerInfo firstInfo) {
        IActivation activation = ((BaseLayer) first).getActivationFn();
        if (!positiveHomogeneous(activation)) {
            return firstInfo.name() + "'s activation " + firstInfo.activation().orElse(String.valueOf(activation))
                    + " is not positive homogeneous (relu, leaky relu or identity)";
        }
        if (net.getLayerWiseConfigurations().getInputPreProcess(index + 1) != null) {
            return "a preprocessor sits between them";
        }
        boolean convolutions = first instanceof ConvolutionLayer && second instanceof ConvolutionLayer;
        boolean denses = first instanceof DenseLayer && !(second instanceof ConvolutionLayer);
        if (!convolutions && !denses) {
            return "a " + first.getClass().getSimpleName() + " and a " + second.getClass().getSimpleName() + " do not share channels one to one";
        }
        return null;
    }

    private static boolean positiveHomogeneous(IActivation activation) {
        if (activation instanceof ActivationReLU relu) {
            return relu.getMax() == null && (relu.getThreshold() == null || relu.getThreshold() == 0.0);
        }
        return activation instanceof ActivationLReLU || activation instanceof ActivationIdentity;
    }
}
