package io.github.slim4j.core.prune.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point the search measured.
 *
 * @param sparsities per tensor, by qualified name, in the order given (model order from the search)
 * @param accepted   whether the search moved to this point
 */
public record SearchStep(int step, Map<String, Double> sparsities, double overallSparsity, double accuracy, boolean accepted) {

    public SearchStep {
        sparsities = Collections.unmodifiableMap(new LinkedHashMap<>(sparsities));
    }
}
