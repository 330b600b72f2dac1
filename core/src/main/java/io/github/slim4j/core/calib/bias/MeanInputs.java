package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.calib.inference.ActivationConsumer;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean over the examples of a capture of the input of chosen layers, as each layer sees it:
 * the previous point's values after the layer's input preprocessor. The preprocessor is applied
 * batch by batch, before summing, since it need not be linear (a fake-quantized network input is not).
 */
final class MeanInputs implements ActivationConsumer {
    private final MultiLayerNetwork network;
    private final Map<String, Integer> layerByPoint;
    private final Map<Integer, INDArray> sums = new HashMap<>();
    private final Map<Integer, Long> examples = new HashMap<>();

    /** @param layerByPoint for each point that is a chosen layer's input, that layer's index */
    MeanInputs(MultiLayerNetwork network, Map<String, Integer> layerByPoint) {
        this.network = network;
        this.layerByPoint = Map.copyOf(layerByPoint);
    }

    @Override
    public void accept(String point, INDArray activations) {
        Integer layer = layerByPoint.get(point);
        if (layer == null) {
            return;
        }
        InputPreProcessor preprocessor = network.getLayerWiseConfigurations().getInputPreProcess(layer);
        INDArray input = preprocessor == null ? activations
                : preprocessor.preProcess(activations, (int) activations.size(0), LayerWorkspaceMgr.noWorkspaces());
        // Summed in double, so that many batches of float values lose nothing to rounding.
        INDArray sum = input.castTo(DataType.DOUBLE).sum(true, 0);
        sums.merge(layer, sum, INDArray::addi);
        examples.merge(layer, input.size(0), Long::sum);
    }

    /** The layer's mean input, one example of the network's data type. */
    INDArray mean(int layer) {
        return sums.get(layer).div(examples.get(layer)).castTo(network.getLayerWiseConfigurations().getDataType());
    }
}
