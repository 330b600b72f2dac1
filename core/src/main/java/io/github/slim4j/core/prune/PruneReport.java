package io.github.slim4j.core.prune;

import java.util.List;

/** What a prune did, tensor by tensor, in model order. */
public record PruneReport(List<TensorPruning> tensors) {

    public PruneReport {
        tensors = List.copyOf(tensors);
    }

    public long parameters() {
        return tensors.stream().mapToLong(TensorPruning::parameters).sum();
    }

    public long prunedAfter() {
        return tensors.stream().mapToLong(TensorPruning::prunedAfter).sum();
    }

    /** Masked share of the selected tensors after the prune. */
    public double sparsityAfter() {
        long parameters = parameters();
        return parameters == 0 ? 0 : (double) prunedAfter() / parameters;
    }
}
