package io.github.slim4j.core.prune.search;

import io.github.slim4j.core.Slim4jException;

/** What the search optimises. */
public sealed interface SearchGoal permits SearchGoal.TargetSparsity, SearchGoal.MaxDrop {

    /** Reach this overall sparsity of the selected tensors with the least loss of accuracy. */
    record TargetSparsity(double sparsity) implements SearchGoal {
        public TargetSparsity {
            if (!(sparsity > 0 && sparsity < 1)) {
                throw new Slim4jException("a target sparsity must be above 0 and below 1, got " + sparsity);
            }
        }
    }

    /** Reach the highest overall sparsity whose accuracy is at most {@code drop} below the dense model's (0.01 = one point). */
    record MaxDrop(double drop) implements SearchGoal {
        public MaxDrop {
            if (!(drop >= 0 && drop < 1)) {
                throw new Slim4jException("an accuracy drop must be from 0 to below 1, got " + drop);
            }
        }
    }
}
