package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Smaller layers run less efficiently: the candidate's convolutions and matrix products do at most
 * 90 % of the baseline's MACs, but at less than 75 % of its MACs per second. Kernels vectorize over
 * blocks of channels and split work across threads; narrow layers fill neither, and fixed costs
 * per op weigh more.
 */
public record LowKernelEfficiency() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double candidateRate = rate(candidate);
        double baselineRate = rate(baseline);
        if (candidate.macs() > 0.9 * baseline.macs() || candidateRate == 0 || baselineRate == 0 || candidateRate >= 0.75 * baselineRate) {
            return Optional.empty();
        }
        return Optional.of(String.format("smaller layers run less efficiently: the convolutions and matrix products do %.2f× the MACs but take "
                + "%.2f× the time (%.0f against %.0f GMAC/s); narrow layers fill the vector units and threads less well, so a bigger "
                + "--batch or model gains more", candidate.macs() / (double) baseline.macs(),
                candidate.micros(OpKinds.COMPUTE) / baseline.micros(OpKinds.COMPUTE), candidateRate, baselineRate));
    }

    /** GMAC per second of the compute ops: MACs of a run over their profiled time. */
    private static double rate(Measurement measurement) {
        double micros = measurement.micros(OpKinds.COMPUTE);
        return micros == 0 ? 0 : measurement.macs() * (double) measurement.batch() / micros / 1000;
    }
}
