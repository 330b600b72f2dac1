package io.github.slim4j.core.quant.sweep;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A bit-width sweep, width by width from the fewest bits.
 *
 * @param baselineAccuracy with data, the unquantized model's accuracy
 * @param complete         false when an interrupt stopped the sweep; the points are those measured
 */
public record SweepResult(OptionalDouble baselineAccuracy, List<SweepPoint> points, boolean complete) {

    public SweepResult {
        points = List.copyOf(points);
    }
}
