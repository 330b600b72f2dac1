package io.github.slim4j.onnx.bench;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * QDQ not fused: a quantized model in which ONNX Runtime still runs float convolutions or matrix
 * products, and QuantizeLinear/DequantizeLinear around them, so a float island sits between
 * integer ops and pays for the conversions both ways. Islands under 5 % of the time are not worth
 * a sentence.
 */
public record UnfusedQdq() implements SlowdownCause {
    private static final Predicate<ProfiledNode> FLOAT_COMPUTE = node -> OpKinds.FLOAT_COMPUTE.contains(node.op())
            && !node.inputTypes().isEmpty() && node.inputTypes().get(0).equals("float");

    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double conversions = candidate.share(OpKinds.QDQ);
        var islands = candidate.profile().nodes().stream().filter(FLOAT_COMPUTE).toList();
        double islandMicros = islands.stream().mapToDouble(ProfiledNode::micros).sum();
        if (conversions == 0 || islandMicros < 0.05 * candidate.profile().micros()) {
            return Optional.empty();
        }
        String named = islands.stream().limit(3).map(node -> node.op() + " '" + node.name() + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
        return Optional.of("QDQ not fused around " + named + (islands.size() > 3 ? " and " + (islands.size() - 3) + " more" : "")
                + ": they run in float (" + SlowdownCause.percent(islandMicros / candidate.profile().micros())
                + " of the time) between DequantizeLinear and QuantizeLinear (" + SlowdownCause.percent(conversions) + ")");
    }
}
