package io.github.slim4j.core.prune.search;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.NetworkSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Measures points on the network itself: each point is pruned from the starting state, so the
 * order points are measured in does not matter, and evaluated on the validation data.
 */
final class NetworkAccuracy implements PointAccuracy {
    private final ModelHandle model;
    private final NetworkSnapshot start;
    private final SearchSpace space;
    private final DataSetIterator validation;

    NetworkAccuracy(ModelHandle model, NetworkSnapshot start, SearchSpace space, DataSetIterator validation) {
        this.model = model;
        this.start = start;
        this.space = space;
        this.validation = validation;
    }

    @Override
    public OptionalDouble at(Point point) {
        apply(point);
        EvaluationResult result = ModelEvaluator.evaluate(model, validation, ProgressListener.NONE);
        return result.complete() ? OptionalDouble.of(result.accuracy()) : OptionalDouble.empty();
    }

    /** Leaves the model at the point: the starting state magnitude-pruned to the point's counts. */
    void apply(Point point) {
        start.restore();
        Map<String, Amount> counts = new HashMap<>();
        for (int i = 0; i < space.tensors(); i++) {
            counts.put(space.name(i), new Amount.Count(point.pruned(i)));
        }
        Pruner.prune(model, counts, new Criterion.Magnitude());
    }
}
