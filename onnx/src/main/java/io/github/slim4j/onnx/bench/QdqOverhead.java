package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Q/DQ overhead: QuantizeLinear and DequantizeLinear nodes left standing take at least 15 % of
 * the run time. Converting a tensor costs a pass over it; a layer that does little arithmetic per
 * value cannot win that back with faster integer kernels.
 */
public record QdqOverhead() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double share = candidate.share(OpKinds.QDQ);
        if (share < 0.15) {
            return Optional.empty();
        }
        return Optional.of("Q/DQ overhead: " + SlowdownCause.opsByTime(candidate, SlowdownCause.ofOps(OpKinds.QDQ)) + " take "
                + SlowdownCause.percent(share) + " of the time, against " + SlowdownCause.percent(candidate.share(OpKinds.COMPUTE))
                + " for the convolutions and matrix products (" + String.format("%,d", candidate.macs())
                + " MACs per example): layers this small do not gain from int8");
    }
}
