package io.github.slim4j.onnx.bench;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Memory-bound at this batch size: convolutions and matrix products, the arithmetic compression
 * removes, take less than half of the run time, and ops that only move memory (pooling,
 * element-wise ops, copies; not the conversions and layout changes other causes name) take at
 * least 30 %. Those cost the same however few MACs are left.
 */
public record MemoryBound() implements SlowdownCause {
    private static final Predicate<ProfiledNode> MOVING = node -> !OpKinds.COMPUTE.contains(node.op()) && !OpKinds.QDQ.contains(node.op())
            && !OpKinds.LAYOUT.contains(node.op());

    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double compute = candidate.share(OpKinds.COMPUTE);
        double total = candidate.profile().micros();
        double moving = total == 0 ? 0 : candidate.profile().nodes().stream().filter(MOVING).mapToDouble(ProfiledNode::micros).sum() / total;
        if (compute >= 0.5 || moving < 0.3) {
            return Optional.empty();
        }
        return Optional.of("memory-bound at batch " + candidate.batch() + ": convolutions and matrix products take only "
                + SlowdownCause.percent(compute) + " of the time, and " + SlowdownCause.opsByTime(candidate, MOVING) + " "
                + SlowdownCause.percent(moving) + ", which fewer MACs do not shorten; try another --batch");
    }
}
