package io.github.slim4j.core.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class HillClimbSearchTest {
    /** Half the default budget, to keep the test fast; the made-up accuracy of ClimberTest runs the full one. */
    private static final int BUDGET = 30;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void maxDropFindsASparseModelWithinTheDropAndLeavesItApplied() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());

        SearchResult result = HillClimbSearch.run(model, TrainedMlp.validation(), new SearchGoal.MaxDrop(0.01),
                Selection.weights(), BUDGET, ProgressListener.NONE);

        assertTrue(result.complete());
        assertTrue(result.path().size() <= BUDGET);
        assertEquals(Map.of("hidden1_W", 0.0, "hidden2_W", 0.0, "out_W", 0.0), result.path().get(0).sparsities());
        assertEquals(result.baselineAccuracy(), result.path().get(0).accuracy());
        assertTrue(result.bestAccuracy() >= result.baselineAccuracy() - 0.01);
        assertTrue(result.bestSparsity() > 0.5, "sparsity " + result.bestSparsity());
        assertApplied(model, result);
        assertTrue(accuracy(model) >= result.baselineAccuracy() - 0.01);
        assertNoPointTwice(result);
    }

    @Test
    void targetSparsityIsMetToTheEntryAndBeatsUniformPruning() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());

        SearchResult result = HillClimbSearch.run(model, TrainedMlp.validation(), new SearchGoal.TargetSparsity(0.7),
                Selection.weights(), BUDGET, ProgressListener.NONE);

        assertTrue(result.complete());
        SearchStep uniform = result.path().get(1);
        assertTrue(uniform.accepted());
        assertEquals(0.7, uniform.sparsities().get("hidden1_W"), 1e-4);
        long entries = 784 * 64 + 64 * 32 + 32 * 10;
        assertEquals(Math.rint(0.7 * entries), prunedEntries(model));
        assertEquals(0.7, result.bestSparsity(), 0.5 / entries);
        assertTrue(result.bestAccuracy() >= uniform.accuracy());
        assertApplied(model, result);
        assertNoPointTwice(result);
    }

    @Test
    void masksOfEarlierPrunesAreKeptAndTheProgressCountsPoints() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());
        Pruner.prune(model, Map.of("hidden2_W", new Amount.Fraction(0.5)), new Criterion.Magnitude());
        Mask before = Masks.of(model).get("hidden2_W");
        List<String> details = new java.util.ArrayList<>();
        List<long[]> counts = new java.util.ArrayList<>();

        SearchResult result = HillClimbSearch.run(model, TrainedMlp.validation(), new SearchGoal.MaxDrop(0.02),
                Selection.weights(), 12, (done, total, detail) -> {
                    counts.add(new long[] {done, total});
                    details.add(detail);
                });

        assertEquals(12, result.path().size());
        assertEquals(0.5, result.path().get(0).sparsities().get("hidden2_W"));
        Mask after = Masks.of(model).get("hidden2_W");
        for (long i = 0; i < before.size(); i++) {
            assertTrue(before.isKept(i) || !after.isKept(i), "entry " + i + " of hidden2_W was unpruned");
        }
        assertEquals(12, counts.size());
        assertEquals(List.of(12L, 12L), List.of(counts.get(11)[0], counts.get(11)[1]));
        assertTrue(details.get(11).matches("step 11: sparsity \\d+\\.\\d%, accuracy \\d+\\.\\d% \\(best \\d+\\.\\d%, \\d+\\.\\d%\\)"),
                details.get(11));
    }

    @Test
    void anInterruptKeepsTheBestPointFoundSoFarApplied() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());
        ProgressListener interruptAtSeven = (done, total, detail) -> {
            if (done == 7) {
                Thread.currentThread().interrupt();
            }
        };

        SearchResult result = HillClimbSearch.run(model, TrainedMlp.validation(), new SearchGoal.MaxDrop(0.01),
                Selection.weights(), interruptAtSeven);

        assertFalse(result.complete());
        assertEquals(7, result.path().size());
        assertTrue(Thread.currentThread().isInterrupted());
        assertApplied(model, result);
        Thread.interrupted();
        assertEquals(result.bestAccuracy(), accuracy(model));
    }

    @Test
    void aSearchWithNoDataFailsAndLeavesTheModelUnchanged() {
        MultiLayerNetwork net = TrainedMlp.copy();
        TrainedMlp.State before = TrainedMlp.State.of(net);
        ListDataSetIterator<DataSet> empty = new ListDataSetIterator<>(List.of(), 10);
        assertEquals("the data iterator has no examples", assertThrows(Slim4jException.class,
                () -> HillClimbSearch.run(ModelHandle.of(net), empty, new SearchGoal.MaxDrop(0.01), Selection.weights(),
                        ProgressListener.NONE)).getMessage());
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    @Test
    void badRequestsAreNamed() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());
        assertEquals("maxEvaluations must be at least 2 (the model as given and a first point), got 1",
                assertThrows(Slim4jException.class, () -> HillClimbSearch.run(model, TrainedMlp.validation(),
                        new SearchGoal.MaxDrop(0.01), Selection.weights(), 1, ProgressListener.NONE)).getMessage());
        Pruner.prune(model, Map.of("hidden1_W", new Amount.Fraction(0.8)), new Criterion.Magnitude());
        assertEquals("a target sparsity of 50.0% is below the 76.4% the selected tensors are already pruned to; "
                + "the search only prunes further", assertThrows(Slim4jException.class, () -> HillClimbSearch.run(model,
                TrainedMlp.validation(), new SearchGoal.TargetSparsity(0.5), Selection.weights(), ProgressListener.NONE))
                .getMessage());
    }

    private static void assertApplied(ModelHandle model, SearchResult result) {
        Map<String, Double> sparsities = new LinkedHashMap<>();
        Map<String, Mask> masks = Masks.of(model);
        for (ParamTensor weights : Selection.weights().apply(model)) {
            Mask mask = masks.get(weights.qualifiedName());
            sparsities.put(weights.qualifiedName(), mask == null ? 0 : (double) mask.pruned() / weights.length());
        }
        assertEquals(result.best(), sparsities);
    }

    private static long prunedEntries(ModelHandle model) {
        return Masks.of(model).values().stream().mapToLong(Mask::pruned).sum();
    }

    private static void assertNoPointTwice(SearchResult result) {
        assertEquals(result.path().size(), new HashSet<>(result.path().stream().map(SearchStep::sparsities).toList()).size());
    }

    private static double accuracy(ModelHandle model) {
        return ModelEvaluator.evaluate(model, TrainedMlp.validation(), ProgressListener.NONE).accuracy();
    }
}
