package io.github.slim4j.core.prune.search;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.prune.NetworkSnapshot;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Hill climbing over per-tensor sparsities, the seed idea of slim4j's mission: start from a
 * feasible point, move one tensor's sparsity at a time, keep the best neighbour, and change the
 * step when stuck. Magnitude pruning, layer by layer; accuracy measured on the validation data.
 *
 * <p>The model ends with the best point applied; the masks of earlier prunes are kept (the search
 * only prunes further).
 *
 * <h2>Points</h2>
 * A point is the number of entries pruned in each selected weight tensor; its overall sparsity is
 * the entries pruned over the entries of all of them. Each tensor ranges from what its mask already
 * prunes to 99% of its entries ({@link SearchSpace}). A point is measured by putting the network back
 * in its starting state, magnitude-pruning each tensor to the point's count, and evaluating on the
 * validation data; a point is measured at most once. The model as given is measured first: its
 * accuracy is the baseline.
 *
 * <h2>Goals</h2>
 * <ul>
 * <li>{@link SearchGoal.MaxDrop}(d), the highest sparsity whose accuracy is at least baseline − d
 *     ({@link SparsestWithinDrop}). From the model as given, every neighbour prunes one tensor δ
 *     further (δ = 10% of its entries); the climb moves to the feasible neighbour that loses the
 *     least accuracy per sparsity gained, and when none is feasible it halves δ, ending below 1%.
 *     Only pruning further, each move costs some of the accuracy budget, and halving the step
 *     finds the smaller moves that still fit when the larger ones no longer do.</li>
 * <li>{@link SearchGoal.TargetSparsity}(S), the most accurate point at overall sparsity S
 *     ({@link BestAtTarget}). From the uniform point (every tensor at S), every neighbour moves one
 *     tensor by ±δ (δ = 5%) while the others take up the difference in proportion to their sizes,
 *     so S holds to the entry; the climb moves to the most accurate neighbour when it beats the
 *     current point, and otherwise doubles δ, up to 40%, to cross the plateaus where small moves all
 *     measure alike; after a move δ is 5% again. It ends when stuck at 40%. The result is never less
 *     accurate than uniform pruning, its start.</li>
 * </ul>
 *
 * <h2>Budget, progress, interrupts</h2>
 * At most {@code maxEvaluations} points are measured ({@value #DEFAULT_EVALUATIONS} by default, the
 * baseline included): with one evaluation pass per point this bounds the run's time, and 60 passes
 * let a network of a few layers take a dozen or more moves. Progress counts points out of the
 * budget. An interrupt stops the search between batches of a measurement, which is then dropped;
 * the model gets the best point found so far, the result says {@code complete == false}, and the
 * thread's interrupt flag stays set. A failure puts the model back as it was and rethrows.
 */
public final class HillClimbSearch {
    /** The default budget of points measured, the baseline included. */
    public static final int DEFAULT_EVALUATIONS = 60;

    private static final String TASK = "pruning search";

    private HillClimbSearch() {
    }

    /**
     * Searches with the {@linkplain #DEFAULT_EVALUATIONS default budget}.
     *
     * @param progress one unit per point measured, with details such as
     *     "step 4: sparsity 62.0%, accuracy 84.1% (best 62.0%, 84.1%)"
     */
    public static SearchResult run(ModelHandle model, DataSetIterator validation, SearchGoal goal, Selection selection,
                                   ProgressListener progress) {
        return run(model, validation, goal, selection, DEFAULT_EVALUATIONS, progress);
    }

    /**
     * @param maxEvaluations the most points to measure, the baseline included; at least 2
     * @throws Slim4jException when the budget is below 2, the model is not a DL4J network, the
     *     selection is empty, a target sparsity is below what the tensors already have or above 99%
     *     of them, the validation data cannot rewind or has no examples; the model is then unchanged
     */
    public static SearchResult run(ModelHandle model, DataSetIterator validation, SearchGoal goal, Selection selection,
                                   int maxEvaluations, ProgressListener progress) {
        if (maxEvaluations < 2) {
            throw new Slim4jException("maxEvaluations must be at least 2 (the model as given and a first point), got "
                    + maxEvaluations);
        }
        NetworkSnapshot start = NetworkSnapshot.of(model, TASK);
        SearchSpace space = space(selection.apply(model), start.prunedCounts());
        Climb climb = Climb.of(goal, space);
        BatchLoop.requireReset(validation, TASK + " passes over the validation data up to " + maxEvaluations + " times");
        NetworkAccuracy accuracy = new NetworkAccuracy(model, start, space, validation);
        try {
            Climber.Outcome outcome = new Climber(space, accuracy, maxEvaluations, progress).run(climb);
            accuracy.apply(outcome.best());
            return outcome.result();
        } catch (RuntimeException failure) {
            start.restore();
            throw failure;
        }
    }

    private static SearchSpace space(List<ParamTensor> tensors, Map<String, Long> pruned) {
        long[] sizes = tensors.stream().mapToLong(ParamTensor::length).toArray();
        long[] floors = tensors.stream().mapToLong(t -> pruned.getOrDefault(t.qualifiedName(), 0L)).toArray();
        return new SearchSpace(tensors.stream().map(ParamTensor::qualifiedName).toList(), sizes, floors);
    }
}
