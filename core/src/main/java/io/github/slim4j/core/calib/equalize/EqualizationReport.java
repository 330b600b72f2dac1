package io.github.slim4j.core.calib.equalize;

import java.util.List;

/**
 * What cross-layer equalization did.
 *
 * @param pairs   the pairs equalized, in network order
 * @param skipped each adjacent pair of weighted layers that could not be equalized, with the reason
 * @param rounds  the passes over all pairs until the factors settled
 */
public record EqualizationReport(List<EqualizedPair> pairs, List<String> skipped, int rounds) {

    public EqualizationReport {
        pairs = List.copyOf(pairs);
        skipped = List.copyOf(skipped);
    }
}
