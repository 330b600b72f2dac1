package io.github.slim4j.onnx.bench;

import java.util.Optional;

/**
 * Layout changes added: Transpose or ONNX Runtime's NCHWc reorders take at least 5 % of the run
 * time, and more than half as long again as in the baseline. They compute nothing; they move every
 * value of a tensor into another order for the next kernel.
 */
public record LayoutChanges() implements SlowdownCause {
    @Override
    public Optional<String> explain(Measurement baseline, Measurement candidate) {
        double micros = candidate.micros(OpKinds.LAYOUT);
        if (candidate.share(OpKinds.LAYOUT) < 0.05 || micros <= 1.5 * baseline.micros(OpKinds.LAYOUT)) {
            return Optional.empty();
        }
        return Optional.of("layout changes were added: " + SlowdownCause.opsByTime(candidate, SlowdownCause.ofOps(OpKinds.LAYOUT)) + " take "
                + SlowdownCause.percent(candidate.share(OpKinds.LAYOUT)) + " of the time (" + SlowdownCause.millis(micros) + " per run, against "
                + SlowdownCause.millis(baseline.micros(OpKinds.LAYOUT)) + " in " + baseline.name() + ")");
    }
}
