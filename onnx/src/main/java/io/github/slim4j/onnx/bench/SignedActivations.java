package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Signed activations: integer kernels fed int8 activations. ONNX Runtime's x86 integer kernels
 * are built for uint8 activations with int8 weights (u8s8); signed activations take slower paths
 * or extra conversions.
 */
public record SignedActivations() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        var signed = candidate.profile().nodes().stream()
                .filter(node -> OpKinds.INTEGER.contains(node.op()) && !node.inputTypes().isEmpty() && node.inputTypes().get(0).equals("int8"))
                .toList();
        if (signed.isEmpty()) {
            return Optional.empty();
        }
        double micros = signed.stream().mapToDouble(ProfiledNode::micros).sum();
        return Optional.of("int8 activations where this CPU's kernels want uint8: " + SlowdownCause.opsByTime(candidate, signed::contains)
                + " take int8 inputs (" + SlowdownCause.percent(micros / candidate.profile().micros())
                + " of the time); calibrate with --dtype uint8, the default");
    }
}
