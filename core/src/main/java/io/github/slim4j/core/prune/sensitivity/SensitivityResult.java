package io.github.slim4j.core.prune.sensitivity;

import java.util.List;

/**
 * @param baselineAccuracy the unpruned network's accuracy on the data
 * @param points           one per tensor and level measured, tensor by tensor
 * @param complete         false when an interrupt stopped the sweep; the points are those measured
 */
public record SensitivityResult(double baselineAccuracy, List<SensitivityPoint> points, boolean complete) {

    public SensitivityResult {
        points = List.copyOf(points);
    }
}
