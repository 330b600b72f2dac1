package io.github.slim4j.core.prune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class GradualPruningTest {
    private static final int BATCHES_PER_EPOCH = 40;
    private static final PruneSpec MAGNITUDE = new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5),
            Scope.LAYER, Selection.weights());

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void reachesTheFinalSparsityOnEveryTensorAndKeepsTheAccuracy() {
        MultiLayerNetwork net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        double dense = accuracy(model);
        List<String> details = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        AgpSchedule schedule = new AgpSchedule(0, 0.8, 4);

        GradualResult result = GradualPruning.run(model, MAGNITUDE, schedule, TrainedMlp.train(), 1,
                (done, total, detail) -> {
                    counts.add(new long[] {done, total});
                    details.add(detail);
                });

        assertTrue(result.complete());
        assertEquals(4, result.stepsRequested());
        assertEquals(List.of(1, 2, 3, 4), result.completed().stream().map(GradualStep::step).toList());
        assertEquals(schedule.targets(), result.completed().stream().map(GradualStep::target).toList());
        assertEquals(0.8, result.completed().get(3).achieved(), 1e-4);
        Map<String, Mask> masks = Masks.of(model);
        for (ParamTensor weights : Selection.weights().apply(model)) {
            Mask mask = masks.get(weights.qualifiedName());
            assertEquals(Math.rint(0.8 * weights.length()), mask.pruned(), weights.qualifiedName());
            assertPrunedAreZero(weights, mask);
        }
        double pruned = accuracy(model);
        assertTrue(pruned >= dense - 0.03, () -> "dense " + dense + ", after AGP " + pruned);

        assertEquals(4 * BATCHES_PER_EPOCH, counts.size());
        assertTrue(counts.stream().allMatch(c -> c[1] == 4 * BATCHES_PER_EPOCH));
        assertEquals(4 * BATCHES_PER_EPOCH, counts.get(counts.size() - 1)[0]);
        assertTrue(details.get(0).matches("step 1/4 \\(sparsity 46\\.\\d%\\), epoch 1/1, batch 1/40, loss .*"), details.get(0));
        assertTrue(details.get(159).startsWith("step 4/4 (sparsity 80.0%), epoch 1/1, batch 40/40, loss "), details.get(159));
    }

    @Test
    void anInterruptMidStepGoesBackToTheEndOfTheLastCompletedStep() {
        MultiLayerNetwork net = TrainedMlp.copy();
        List<TrainedMlp.State> endOfStepTwo = new ArrayList<>();
        ProgressListener interruptInStepThree = (done, total, detail) -> {
            if (done == 2 * BATCHES_PER_EPOCH) {
                endOfStepTwo.add(TrainedMlp.State.of(net));
            }
            if (done == 2 * BATCHES_PER_EPOCH + 15) {
                Thread.currentThread().interrupt();
            }
        };

        GradualResult result = GradualPruning.run(ModelHandle.of(net), MAGNITUDE, new AgpSchedule(0, 0.9, 5),
                TrainedMlp.train(), 1, interruptInStepThree);

        assertFalse(result.complete());
        assertEquals(5, result.stepsRequested());
        assertEquals(List.of(1, 2), result.completed().stream().map(GradualStep::step).toList());
        assertTrue(Thread.currentThread().isInterrupted());
        endOfStepTwo.get(0).assertSameAs(TrainedMlp.State.of(net));
    }

    @Test
    void anInterruptBeforeTheFirstStepChangesNothing() {
        MultiLayerNetwork net = TrainedMlp.copy();
        TrainedMlp.State before = TrainedMlp.State.of(net);
        Thread.currentThread().interrupt();

        GradualResult result = GradualPruning.run(ModelHandle.of(net), MAGNITUDE, new AgpSchedule(0, 0.9, 3),
                TrainedMlp.train(), 1, ProgressListener.NONE);

        assertFalse(result.complete());
        assertEquals(List.of(), result.completed());
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    @Test
    void aFailureInALaterStepPutsBackTheStateBeforeTheRun() {
        MultiLayerNetwork net = TrainedMlp.copy();
        TrainedMlp.State before = TrainedMlp.State.of(net);
        RuntimeException failure = new IllegalStateException("listener failed");
        ProgressListener failInStepTwo = (done, total, detail) -> {
            if (done == BATCHES_PER_EPOCH + 7) {
                throw failure;
            }
        };

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> GradualPruning.run(ModelHandle.of(net),
                MAGNITUDE, new AgpSchedule(0, 0.9, 3), TrainedMlp.train(), 1, failInStepTwo));

        assertSame(failure, thrown);
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    @Test
    void badRequestsAreNamedAndChangeNothing() {
        MultiLayerNetwork net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        TrainedMlp.State before = TrainedMlp.State.of(net);
        AgpSchedule schedule = new AgpSchedule(0, 0.5, 2);
        assertEquals("epochsPerStep must be at least 1, got 0", assertThrows(Slim4jException.class,
                () -> GradualPruning.run(model, MAGNITUDE, schedule, TrainedMlp.train(), 0, ProgressListener.NONE))
                .getMessage());
        PruneSpec twoOfFour = new PruneSpec(new Criterion.NofM(2, 4), new Amount.Fraction(0.5), Scope.LAYER,
                Selection.weights());
        assertEquals("gradual pruning needs magnitude, random or structured pruning; N:M (2:4) fixes its own sparsity",
                assertThrows(Slim4jException.class, () -> GradualPruning.run(model, twoOfFour, schedule,
                        TrainedMlp.train(), 1, ProgressListener.NONE)).getMessage());
        ExistingDataSetIterator once = new ExistingDataSetIterator(TrainedMlp.train());
        assertEquals("gradual pruning passes over the data 2 times, so it needs a data iterator that can reset; "
                + "ExistingDataSetIterator cannot", assertThrows(Slim4jException.class,
                () -> GradualPruning.run(model, MAGNITUDE, schedule, once, 1, ProgressListener.NONE)).getMessage());
        assertEquals("gradual pruning needs a DL4J network (MultiLayerNetwork or ComputationGraph), not a Map<String, INDArray>",
                assertThrows(Slim4jException.class, () -> GradualPruning.run(ModelHandle.of(Map.of("w", Nd4j.ones(4))),
                        MAGNITUDE, schedule, TrainedMlp.train(), 1, ProgressListener.NONE)).getMessage());
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    private static double accuracy(ModelHandle model) {
        return ModelEvaluator.evaluate(model, TrainedMlp.validation(), ProgressListener.NONE).accuracy();
    }

    private static void assertPrunedAreZero(ParamTensor tensor, Mask mask) {
        for (long i = 0; i < tensor.length(); i++) {
            if (!mask.isKept(i)) {
                assertEquals(0, tensor.values().getDouble(TrainedMlp.position(tensor.values(), i)),
                        tensor.qualifiedName() + " entry " + i + " grew back");
            }
        }
    }
}
