package io.github.slim4j.core.prune;

import java.util.List;

/**
 * Computes the masks one {@link Criterion} asks for. Planning reads the tensors and writes nothing,
 * and checks every target before computing any mask, so a prune can fail before it changes the
 * model. All criteria rank int keys with {@link SmallestKeys}.
 */
sealed interface MaskPlanner permits UnstructuredMasks, StructuredMasks, NofMMasks {

    static MaskPlanner of(Criterion criterion) {
        if (criterion instanceof Criterion.Magnitude) {
            return UnstructuredMasks.magnitude();
        }
        if (criterion instanceof Criterion.Random random) {
            return UnstructuredMasks.random(random.seed());
        }
        if (criterion instanceof Criterion.Structured structured) {
            return new StructuredMasks(structured);
        }
        return new NofMMasks((Criterion.NofM) criterion);
    }

    /**
     * One plan per target, in order.
     *
     * @param amount the total each target (layer scope), or all of them together (global scope),
     *               ends with
     */
    List<TensorPlan> plan(List<Target> targets, Amount amount, Scope scope);
}
