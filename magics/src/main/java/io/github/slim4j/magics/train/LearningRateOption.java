package io.github.slim4j.magics.train;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.train.LearningRate;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.DecimalRange;
import io.github.slim4j.magics.grammar.Option;

/**
 * {@code --lr RATE}, the same option wherever a magic trains ({@code %train}, {@code %prune}'s
 * fine-tuning, {@code %calibrate --qat}): the rate for that command's training only.
 */
public final class LearningRateOption {
    public static final Option<Double> LR = Option.of("--lr", new DecimalRange(1e-7, 1, "RATE"),
            "the learning rate for this command's training (default: the network's own; 0.001 for an imported model)");

    private LearningRateOption() {
    }

    /** The rate given with {@code --lr} on the model until closed, or nothing to undo without it. */
    public static LearningRate during(Arguments arguments, ModelHandle model) {
        return arguments.optional(LR).map(rate -> LearningRate.during(model, rate)).orElseGet(LearningRate::unchanged);
    }
}
