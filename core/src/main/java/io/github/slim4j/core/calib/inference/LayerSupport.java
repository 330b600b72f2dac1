package io.github.slim4j.core.calib.inference;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;

/**
 * Which DL4J layers have a quantization point at their output. A layer qualifies when integer
 * inference computes it from quantized inputs into one quantized output tensor; a recurrent layer
 * does not, since its hidden state loops back inside the layer where no fake quantization reaches
 * it, and a layer type not listed here is left in float rather than guessed at.
 */
final class LayerSupport {
    private static final List<Class<? extends Layer>> SUPPORTED = List.of(DenseLayer.class, ConvolutionLayer.class,
            SubsamplingLayer.class, Subsampling3DLayer.class, BatchNormalization.class, ActivationLayer.class,
            DropoutLayer.class, GlobalPoolingLayer.class, LocalResponseNormalization.class, Upsampling2D.class,
            ZeroPaddingLayer.class, Cropping2D.class, EmbeddingLayer.class, PReLULayer.class, BaseOutputLayer.class,
            LossLayer.class, CnnLossLayer.class);
    private static final List<Class<? extends Layer>> RECURRENT = List.of(BaseRecurrentLayer.class, Bidirectional.class,
            LastTimeStep.class, TimeDistributed.class, RnnOutputLayer.class, RnnLossLayer.class);
    private static final String SUPPORTED_NAMES = "dense, output, loss, convolution, subsampling, batch normalization, "
            + "activation, dropout, global pooling, local response normalization, upsampling, zero padding, cropping, "
            + "embedding, PReLU";

    private LayerSupport() {
    }

    /** Why the layer has no quantization point; empty when it has one. A frozen layer is judged by the layer it wraps. */
    static Optional<String> unsupportedReason(Layer layer) {
        Layer inner = unfrozen(layer);
        if (RECURRENT.stream().anyMatch(type -> type.isInstance(inner))) {
            return Optional.of("recurrent layers are not supported: their state loops back inside the layer, "
                    + "out of reach of fake quantization");
        }
        if (SUPPORTED.stream().anyMatch(type -> type.isInstance(inner))) {
            return Optional.empty();
        }
        return Optional.of(inner.getClass().getSimpleName() + " layers are not supported; supported are " + SUPPORTED_NAMES);
    }

    /**
     * Whether the layer computes the network's loss, so it must stay the last layer and its
     * output feeds the loss directly.
     */
    static boolean isOutput(Layer layer) {
        Layer inner = unfrozen(layer);
        return inner instanceof BaseOutputLayer || inner instanceof LossLayer || inner instanceof CnnLossLayer;
    }

    /** The layer a frozen layer wraps, however deep; any other layer itself. */
    static Layer unfrozen(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return unfrozen(frozen.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return unfrozen(frozen.getUnderlying());
        }
        return layer;
    }
}
