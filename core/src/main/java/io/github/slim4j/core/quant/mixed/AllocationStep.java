package io.github.slim4j.core.quant.mixed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the allocation's path.
 *
 * @param step        the descent's steps count from 0, the widest assignment; the refinement's moves follow on
 * @param formats     format names by tensor, in model order
 * @param averageBits bits per weight over the selected tensors, weighted by their sizes
 * @param accuracy    accuracy with these formats on the data
 */
public record AllocationStep(int step, Map<String, String> formats, double averageBits, double accuracy) {

    public AllocationStep {
        formats = Collections.unmodifiableMap(new LinkedHashMap<>(formats));
    }
}
