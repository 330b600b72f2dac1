package io.github.slim4j.onnx.channels;

import io.github.slim4j.core.prune.channels.ChannelNorms;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How important each channel of each removable group is: the Lp norm (L1 or L2) of the weights
 * that make it, summed over the layers that make it (a residual group has several).
 * {@link io.github.slim4j.core.prune.channels.ChannelChoice} chooses from these.
 */
final class ChannelImportance {
    private ChannelImportance() {
    }

    /** The importance of every channel of every removable group: unpinned, made by a layer, more than one channel. */
    static Map<Integer, double[]> of(ChannelGraph graph, int norm) {
        Map<Integer, double[]> importance = new LinkedHashMap<>();
        for (ChannelGraph.Producer producer : graph.producers) {
            int root = graph.spaces.root(producer.space().id());
            if (graph.spaces.pinnedReason(root).isPresent() || graph.spaces.size(root) < 2) {
                continue;
            }
            double[] values = importance.computeIfAbsent(root, ignored -> new double[graph.spaces.size(root)]);
            Tensor weights = graph.tensors.get(producer.tensor());
            double[] norms = ChannelNorms.of(weights.floats(), weights.shape(), producer.axis(), norm);
            for (int channel = 0; channel < values.length; channel++) {
                values[channel] += norms[channel];
            }
        }
        return importance;
    }
}
