package io.github.slim4j.core.prune.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the search ended. The model holds {@link #best()} applied, also after an interrupt.
 *
 * @param best     per-tensor sparsities of the best point found, by qualified name, in model order
 * @param path     every point measured, in order
 * @param complete false when an interrupt stopped the search early
 */
public record SearchResult(double baselineAccuracy, Map<String, Double> best, double bestSparsity, double bestAccuracy,
                           List<SearchStep> path, boolean complete) {

    public SearchResult {
        best = Collections.unmodifiableMap(new LinkedHashMap<>(best));
        path = List.copyOf(path);
    }
}
