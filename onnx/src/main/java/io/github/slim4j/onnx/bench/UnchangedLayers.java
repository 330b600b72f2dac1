package io.github.slim4j.onnx.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Less work, but not where the time goes: the candidate does at most 90 % of the baseline's MACs,
 * yet convolutions and matrix products that take at least 30 % of its time run at least 85 % as
 * long as the same nodes (by name) in the baseline. Channel removal that leaves the costly layers
 * whole, or narrows them to part of a vector block (ONNX Runtime computes channels in blocks of 16
 * floats with AVX-512 and 8 with AVX2, padding a partial block), shrinks the MACs more than the time.
 */
public record UnchangedLayers() implements SlowdownCause {
    private static final int LISTED = 3;

    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        if (baseline.macs() <= 0 || candidate.macs() > 0.9 * baseline.macs()) {
            return Optional.empty();
        }
        Map<String, Double> before = new HashMap<>();
        baseline.profile().nodes().forEach(node -> before.merge(node.name(), node.micros(), Double::sum));
        List<ProfiledNode> unchanged = candidate.profile().nodes().stream()
                .filter(node -> OpKinds.COMPUTE.contains(node.op()) && before.containsKey(node.name()) && node.micros() >= 0.85 * before.get(node.name()))
                .sorted(Comparator.comparingDouble(ProfiledNode::micros).reversed()).toList();
        double share = unchanged.stream().mapToDouble(ProfiledNode::micros).sum() / candidate.profile().micros();
        if (share < 0.3) {
            return Optional.empty();
        }
        String listed = unchanged.stream().limit(LISTED)
                .map(node -> node.name() + " (" + SlowdownCause.millis(node.micros()) + " against " + SlowdownCause.millis(before.get(node.name())) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(String.format("%.2f× the MACs of %s, but layers taking %s of the time run as long as there: %s%s; they kept their "
                + "channels, or part of a vector block ONNX Runtime computes whole (16 channels with AVX-512, 8 with AVX2)",
                candidate.macs() / (double) baseline.macs(), baseline.name(), SlowdownCause.percent(share), listed,
                unchanged.size() > LISTED ? " and " + (unchanged.size() - LISTED) + " more" : ""));
    }
}
