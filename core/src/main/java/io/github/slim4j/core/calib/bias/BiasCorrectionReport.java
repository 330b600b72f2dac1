package io.github.slim4j.core.calib.bias;

import java.util.List;

/**
 * What bias correction did.
 *
 * @param corrected the layers corrected, in network order
 * @param skipped   the layers with parameters that were not corrected, in network order, with the reason
 * @param toCorrect the layers that would have been corrected had nothing stopped the work
 * @param complete  false when an interrupt stopped the work: then only {@code corrected} were
 *                  corrected, the first {@code corrected.size()} of {@code toCorrect}
 */
public record BiasCorrectionReport(List<CorrectedLayer> corrected, List<SkippedLayer> skipped, int toCorrect, boolean complete) {

    public BiasCorrectionReport {
        corrected = List.copyOf(corrected);
        skipped = List.copyOf(skipped);
    }
}
