package io.github.slim4j.onnx.bench;

import java.util.Set;

/**
 * One model measured in ONNX Runtime.
 *
 * @param fileBytes the model file and its external data
 * @param macs multiply-accumulates per example ({@link Macs})
 * @param throughput examples per second, from the mean run time
 * @param peakMemoryBytes ONNX Runtime's peak arena for activations plus the model's file bytes (the
 *     weights it holds), as its profile reports them
 * @param profile the optimized graph's nodes, as they ran
 * @param oneThreadP50 the median run time in milliseconds on one intra-op thread, NaN when the
 *     latencies were measured on one thread already
 */
public record Measurement(String name, long fileBytes, ModelFacts facts, long macs, int batch, Latencies latencies, double throughput,
        long peakMemoryBytes, OrtProfile profile, double oneThreadP50) {

    /** How many times faster the measured threads ran than one thread; NaN when not measured. */
    public double threadSpeedup() {
        return oneThreadP50 / latencies.p50();
    }

    /** The share of the profiled kernel time spent in nodes of these operators. */
    public double share(Set<String> ops) {
        double total = profile.micros();
        return total == 0 ? 0 : micros(ops) / total;
    }

    /** The kernel time per run of nodes of these operators, in microseconds. */
    public double micros(Set<String> ops) {
        return profile.nodes().stream().filter(node -> ops.contains(node.op())).mapToDouble(ProfiledNode::micros).sum();
    }

    /** Whether ONNX Runtime ran any integer kernel. */
    public boolean quantized() {
        return profile.nodes().stream().anyMatch(node -> OpKinds.INTEGER.contains(node.op()));
    }
}
