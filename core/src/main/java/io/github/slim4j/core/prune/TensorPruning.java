package io.github.slim4j.core.prune;

import java.util.OptionalDouble;

/**
 * What a prune did to one tensor.
 *
 * @param tensor       the tensor's qualified name ({@code ParamTensor.qualifiedName()})
 * @param parameters   entries in the tensor
 * @param prunedBefore entries masked before this prune
 * @param prunedAfter  entries masked after it
 * @param threshold    the largest |w| (or channel norm) this prune set to zero; empty when it zeroed
 *                     nothing or the criterion has no single threshold (random, N:M)
 */
public record TensorPruning(String layer, String tensor, long parameters, long prunedBefore, long prunedAfter,
                            OptionalDouble threshold) {

    public double sparsityBefore() {
        return parameters == 0 ? 0 : (double) prunedBefore / parameters;
    }

    public double sparsityAfter() {
        return parameters == 0 ? 0 : (double) prunedAfter / parameters;
    }
}
