package io.github.slim4j.core.quant.error;

import io.github.slim4j.core.model.GraphHandle;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * How a network's output rows become probabilities: as they are when its output layer's activation
 * is a softmax, through a softmax otherwise (logits, or any other activation).
 */
enum OutputProbabilities {
    AS_GIVEN,
    SOFTMAX;

    /** The way for the network's one output; a softmax unless the output layer is known to apply one. */
    static OutputProbabilities of(ModelHandle network) {
        Layer output = network instanceof MultiLayerHandle m ? m.network().getOutputLayer()
                : network instanceof GraphHandle g ? g.graph().getOutputLayer(0)
                : null;
        return output != null && activation(output.conf().getLayer()) instanceof ActivationSoftmax ? AS_GIVEN : SOFTMAX;
    }

    private static IActivation activation(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof BaseLayer base) {
            return base.getActivationFn();
        }
        return layer instanceof ActivationLayer activationLayer ? activationLayer.getActivationFn() : null;
    }

    /** The probabilities of one output row, in double precision so that a softmax of float logits loses nothing. */
    double[] of(double[] outputs) {
        if (this == AS_GIVEN) {
            return outputs;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double value : outputs) {
            max = Math.max(max, value);
        }
        double[] probabilities = new double[outputs.length];
        double sum = 0;
        for (int i = 0; i < outputs.length; i++) {
            probabilities[i] = Math.exp(outputs[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < outputs.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }
}
