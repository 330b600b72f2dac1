package io.github.slim4j.core.prune.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SensitivityAnalysisTest {
    private static final List<Double> LEVELS = List.of(0.0, 0.5, 0.9, 0.99);
    private static final List<String> WEIGHTS = List.of("hidden1_W", "hidden2_W", "out_W");

    private static MultiLayerNetwork net;
    private static TrainedMlp.State before;
    private static SensitivityResult result;
    private static final List<String> details = new ArrayList<>();
    private static final List<long[]> counts = new ArrayList<>();

    @BeforeAll
    static void sweepAPartlyPrunedNetwork() {
        net = TrainedMlp.copy();
        Pruner.prune(ModelHandle.of(net), Map.of("hidden2_W", new Amount.Fraction(0.3)), new Criterion.Magnitude());
        before = TrainedMlp.State.of(net);
        result = SensitivityAnalysis.run(ModelHandle.of(net), TrainedMlp.validation(), LEVELS, Selection.weights(),
                new Criterion.Magnitude(), (done, total, detail) -> {
                    counts.add(new long[] {done, total});
                    details.add(detail);
                });
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void measuresEveryTensorAtEveryLevelInOrder() {
        assertTrue(result.complete());
        assertEquals(12, result.points().size());
        for (int t = 0; t < 3; t++) {
            for (int l = 0; l < 4; l++) {
                SensitivityPoint point = result.points().get(4 * t + l);
                assertEquals(WEIGHTS.get(t), point.tensor());
                assertEquals(WEIGHTS.get(t).replace("_W", ""), point.layer());
                assertEquals(LEVELS.get(l), point.sparsity());
                assertTrue(Double.isFinite(point.loss()));
            }
        }
        assertEquals(13, counts.size());
        assertTrue(counts.stream().allMatch(c -> c[1] == 13));
        assertTrue(details.get(0).matches("baseline: accuracy \\d+\\.\\d%"), details.get(0));
        assertTrue(details.get(3).matches("hidden1_W at 90%: accuracy \\d+\\.\\d%"), details.get(3));
    }

    @Test
    void levelZeroMeasuresTheBaselineAndHighLevelsCostAccuracy() {
        for (String tensor : WEIGHTS) {
            assertEquals(result.baselineAccuracy(), at(tensor, 0.0).accuracy(), 0.0, tensor);
        }
        assertTrue(at("hidden1_W", 0.99).accuracy() < result.baselineAccuracy() - 0.1,
                () -> "hidden1_W at 99%: " + at("hidden1_W", 0.99).accuracy() + ", baseline " + result.baselineAccuracy());
        assertTrue(at("out_W", 0.99).accuracy() < at("out_W", 0.5).accuracy());
    }

    @Test
    void theModelEndsAsItStartedBitForBit() {
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    @Test
    void anInterruptReturnsThePointsSoFarAndLeavesTheModelUnchanged() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        TrainedMlp.State start = TrainedMlp.State.of(copy);
        ProgressListener interruptAtFive = (done, total, detail) -> {
            if (done == 5) {
                Thread.currentThread().interrupt();
            }
        };

        SensitivityResult partial = SensitivityAnalysis.run(ModelHandle.of(copy), TrainedMlp.validation(), LEVELS,
                Selection.weights(), new Criterion.Magnitude(), interruptAtFive);

        assertFalse(partial.complete());
        assertEquals(4, partial.points().size());
        assertTrue(Thread.currentThread().isInterrupted());
        start.assertSameAs(TrainedMlp.State.of(copy));
    }

    @Test
    void structuredPruningSweepsChannels() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        TrainedMlp.State start = TrainedMlp.State.of(copy);
        SensitivityResult channels = SensitivityAnalysis.run(ModelHandle.of(copy), TrainedMlp.validation(),
                List.of(0.25, 0.75), Selection.weights(), new Criterion.Structured(2, OptionalInt.empty()),
                ProgressListener.NONE);
        assertEquals(6, channels.points().size());
        assertTrue(channels.points().get(1).accuracy() < channels.points().get(0).accuracy());
        start.assertSameAs(TrainedMlp.State.of(copy));
    }

    @Test
    void badRequestsAreNamed() {
        ModelHandle model = ModelHandle.of(TrainedMlp.copy());
        Criterion magnitude = new Criterion.Magnitude();
        assertEquals("sensitivity analysis needs at least one sparsity level, got none", assertThrows(Slim4jException.class,
                () -> SensitivityAnalysis.run(model, TrainedMlp.validation(), List.of(), Selection.weights(), magnitude,
                        ProgressListener.NONE)).getMessage());
        assertEquals("a sensitivity level must be a sparsity from 0 to 1, got 1.5", assertThrows(Slim4jException.class,
                () -> SensitivityAnalysis.run(model, TrainedMlp.validation(), List.of(0.5, 1.5), Selection.weights(),
                        magnitude, ProgressListener.NONE)).getMessage());
        ExistingDataSetIterator once = new ExistingDataSetIterator(TrainedMlp.validation());
        assertEquals("sensitivity analysis passes over the data 7 times, so it needs a data iterator that can reset; "
                + "ExistingDataSetIterator cannot", assertThrows(Slim4jException.class,
                () -> SensitivityAnalysis.run(model, once, List.of(0.5, 0.9), Selection.weights(), magnitude,
                        ProgressListener.NONE)).getMessage());
    }

    private static SensitivityPoint at(String tensor, double level) {
        return result.points().stream().filter(p -> p.tensor().equals(tensor) && p.sparsity() == level)
                .findFirst().orElseThrow(() -> new AssertionError(tensor + " at " + level + " in " + Arrays.toString(
                        result.points().toArray())));
    }
}
