package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Threads pay off less for the candidate: the intra-op threads speed it up at most 85 % as much as
 * they speed up the baseline, so against the baseline it does worse than on one thread. ONNX
 * Runtime splits each layer between its threads and waits for them all, at a cost that does not
 * shrink with the layer: a model whose layers were made smaller (channels removed) gains less from
 * threads. On a shared machine that cost rises when the other cores are busy, so this rule also
 * explains a ratio that changes from one run to the next. Times on one thread are medians of a few
 * runs ({@link OrtBenchmark}).
 */
public record ThreadScaling() implements SlowdownCause {
    private static final double LESS = 0.85;

    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double ours = candidate.threadSpeedup();
        double theirs = baseline.threadSpeedup();
        if (!(ours < LESS * theirs)) {
            return Optional.empty();
        }
        return Optional.of(String.format("threads gain less here: they make %s %.2f× as fast as on one thread, but %s %.2f×, so it takes %.2f× "
                + "the time of %s against %.2f× on one thread; ONNX Runtime splits each layer between its threads at a cost that does not shrink "
                + "with the layer, and rises when the machine is busy", candidate.name(), ours, baseline.name(), theirs,
                candidate.latencies().p50() / baseline.latencies().p50(), baseline.name(), candidate.oneThreadP50() / baseline.oneThreadP50()));
    }
}
