package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.calib.bias.CorrectionTargets.Feed;
import io.github.slim4j.core.calib.inference.ActivationConsumer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mean over the examples of a capture of the input of chosen layers, as each layer sees it:
 * the values of the output it reads, after its input preprocessor. The preprocessor is applied
 * batch by batch, before summing, since it need not be linear (a fake-quantized network input is not).
 * Several layers may read one output.
 */
final class MeanInputs implements ActivationConsumer {
    private final Map<String, Feed> feeds;
    private final Map<String, INDArray> sums = new HashMap<>();
    private final Map<String, Long> examples = new HashMap<>();

    /** @param feeds by layer name */
    MeanInputs(Map<String, Feed> feeds) {
        this.feeds = new LinkedHashMap<>(feeds);
    }

    /** The outputs to capture, each once. */
    List<String> outputs() {
        return feeds.values().stream().map(Feed::input).distinct().toList();
    }

    @Override
    public void accept(String output, INDArray activations) {
        feeds.forEach((layer, feed) -> {
            if (feed.input().equals(output)) {
                INDArray input = feed.preprocessor()
                        .map(preprocessor -> preprocessor.preProcess(activations, (int) activations.size(0), LayerWorkspaceMgr.noWorkspaces()))
                        .orElse(activations);
                // Summed in double, so that many batches of float values lose nothing to rounding.
                INDArray sum = input.castTo(DataType.DOUBLE).sum(true, 0);
                sums.merge(layer, sum, INDArray::addi);
                examples.merge(layer, input.size(0), Long::sum);
            }
        });
    }

    /** The layer's mean input, one example of its parameters' (the network's) data type. */
    INDArray mean(String layer) {
        return sums.get(layer).div(examples.get(layer)).castTo(feeds.get(layer).layer().params().dataType());
    }
}
