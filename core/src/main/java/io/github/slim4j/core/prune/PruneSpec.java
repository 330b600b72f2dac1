package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

/**
 * One prune: which entries, how many, over which tensors.
 *
 * @param amount ignored by {@link Criterion.NofM}, whose pattern fixes the share
 */
public record PruneSpec(Criterion criterion, Amount amount, Scope scope, Selection selection) {

    public PruneSpec {
        if (scope == Scope.GLOBAL && (criterion instanceof Criterion.Structured || criterion instanceof Criterion.NofM)) {
            throw new Slim4jException("global scope ranks single weights; it works with magnitude and random pruning, not "
                    + (criterion instanceof Criterion.NofM ? "N:M" : "structured") + " pruning");
        }
    }
}
