package io.github.slim4j.onnx.bench;

import io.github.slim4j.onnx.parity.CpuFeatures;
import java.util.Optional;

/**
 * Integer kernels slower than float on this CPU: the candidate's integer convolutions and matrix
 * products take longer than the baseline's float ones. Without VNNI, ONNX Runtime's x86 int8 dot
 * products go through 16-bit intermediates, and a layer with few input channels (the first
 * convolution of an image model) cannot fill them.
 */
public record SlowIntegerKernels() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double integer = candidate.micros(OpKinds.INTEGER_COMPUTE);
        double floats = baseline.micros(OpKinds.FLOAT_COMPUTE);
        if (integer == 0 || integer <= floats) {
            return Optional.empty();
        }
        return Optional.of("int8 kernels are slower than float on this CPU" + (CpuFeatures.hasVnni() ? "" : " (no VNNI)") + ": "
                + SlowdownCause.opsByTime(candidate, SlowdownCause.ofOps(OpKinds.INTEGER_COMPUTE)) + " take " + SlowdownCause.millis(integer)
                + " per run where " + baseline.name() + "'s " + SlowdownCause.opsByTime(baseline, SlowdownCause.ofOps(OpKinds.FLOAT_COMPUTE))
                + " take " + SlowdownCause.millis(floats));
    }
}
