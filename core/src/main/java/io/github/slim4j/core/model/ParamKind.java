package io.github.slim4j.core.model;

/** What a parameter tensor does in its layer, which decides how compression may treat it. */
public enum ParamKind {
    /** Connection weights (dense, convolution, recurrent): what pruning and quantization act on. */
    WEIGHT,
    /** Additive bias. */
    BIAS,
    /** Normalization scale, shift and running statistics. */
    NORMALIZATION,
    /** Anything else, for example a PReLU slope. */
    OTHER;

    public boolean isWeight() {
        return this == WEIGHT;
    }
}
