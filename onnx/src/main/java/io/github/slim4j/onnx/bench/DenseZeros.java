package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Unstructured zeros still mean dense work: the candidate's weights hold at least 20 points more
 * zeros than the baseline's, yet its convolutions and matrix products do at least 95 % of the
 * baseline's MACs. ONNX Runtime's CPU kernels are dense; they multiply by the zeros.
 */
public record DenseZeros() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double added = candidate.facts().weightZeros() - baseline.facts().weightZeros();
        if (added < 0.2 || candidate.macs() < 0.95 * baseline.macs()) {
            return Optional.empty();
        }
        return Optional.of("unstructured zeros still mean dense work: " + SlowdownCause.percent(candidate.facts().weightZeros())
                + " of the weights are zero, but ONNX Runtime's dense kernels still do " + String.format("%,d", candidate.macs())
                + " MACs per example (" + SlowdownCause.opsByTime(candidate, SlowdownCause.ofOps(OpKinds.COMPUTE)) + ", "
                + SlowdownCause.percent(candidate.share(OpKinds.COMPUTE)) + " of the time); remove whole channels to gain");
    }
}
