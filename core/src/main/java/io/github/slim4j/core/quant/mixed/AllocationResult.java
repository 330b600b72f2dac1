package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.quant.WeightFormat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats the allocation chose, applied to the model.
 *
 * @param baselineAccuracy the model's accuracy before quantization; NaN when an interrupt came first
 * @param formats  by tensor, in model order; empty when nothing was applied
 * @param averageBits bits per weight of the chosen formats over the selected tensors; NaN when nothing was applied
 * @param accuracy the accuracy measured with the chosen formats; NaN when nothing was applied
 * @param path     the points it went through, in order
 * @param complete false when an interrupt stopped it; the model then has the best allocation
 *                 within the budget found so far, or is unchanged when there was none
 */
public record AllocationResult(double baselineAccuracy, Map<String, WeightFormat> formats, double averageBits, double accuracy,
                               List<AllocationStep> path, boolean complete) {

    public AllocationResult {
        formats = Collections.unmodifiableMap(new LinkedHashMap<>(formats));
        path = List.copyOf(path);
    }
}
