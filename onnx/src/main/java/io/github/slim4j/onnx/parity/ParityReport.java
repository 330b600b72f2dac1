package io.github.slim4j.onnx.parity;

import java.util.List;

/**
 * The simulation against ONNX Runtime on the same data.
 *
 * @param points every quantized activation, in graph order
 * @param examples examples compared
 * @param agreeing examples whose top-1 class is the same on both sides
 * @param correctSimulated examples the simulation classifies right
 * @param correctRuntime examples ONNX Runtime classifies right
 * @param complete false when an interrupt stopped the pass early (the figures are for the batches done)
 * @param vnni whether this CPU has VNNI, without which ONNX Runtime's u8 × s8 kernels can saturate
 */
public record ParityReport(List<PointParity> points, long examples, long agreeing, long correctSimulated, long correctRuntime,
        boolean complete, boolean vnni) {

    public ParityReport {
        points = List.copyOf(points);
    }

    public double agreement() {
        return examples == 0 ? 0 : (double) agreeing / examples;
    }

    public double simulatedAccuracy() {
        return examples == 0 ? 0 : (double) correctSimulated / examples;
    }

    public double runtimeAccuracy() {
        return examples == 0 ? 0 : (double) correctRuntime / examples;
    }

    /** The largest difference in isolation over every point, in steps. */
    public long worstIsolated() {
        return points.stream().mapToLong(PointParity::isolatedMax).max().orElse(0);
    }

    /**
     * Why a point differs by more than rounding in isolation, when the cause is known; "" when it
     * is within a step.
     */
    public String cause(PointParity point) {
        if (point.isolatedMax() <= 1) {
            return "";
        }
        if (point.weights().contains("int8") && !vnni) {
            return "u8×s8 saturation: int8 weights use all 8 bits and this CPU has no VNNI (quantize with the default 7 bits)";
        }
        return "differs by more than rounding";
    }
}
