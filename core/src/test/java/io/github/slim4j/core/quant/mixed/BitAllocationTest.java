package io.github.slim4j.core.quant.mixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Scheme;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.error.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BitAllocationTest {
    /** int2 to int8 per channel, widest last, as "any order" allows. */
    static final List<WeightFormat> CANDIDATES = IntStream.rangeClosed(2, 8)
            .mapToObj(bits -> (WeightFormat) new IntegerFormat(bits, Scheme.SYMMETRIC, true, new Granularity.PerChannel(OptionalInt.empty())))
            .toList();
    private static final List<String> WEIGHTS = List.of("hidden1_W", "hidden2_W", "out_W");

    private static MultiLayerNetwork net;
    private static AllocationResult result;
    private static final List<String> details = new ArrayList<>();

    @BeforeAll
    static void allocateThreeBits() {
        net = TrainedMlp.copy();
        result = BitAllocation.allocate(ModelHandle.of(net), CANDIDATES, 3, Selection.weights(), TrainedMlp.validation(),
                (done, total, detail) -> details.add(detail));
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theChoiceFitsTheBudgetAndIsAppliedToTheModel() {
        assertTrue(result.complete());
        assertEquals(WEIGHTS, List.copyOf(result.formats().keySet()));
        assertTrue(CANDIDATES.containsAll(result.formats().values()));
        assertTrue(result.averageBits() <= 3, () -> "average " + result.averageBits());
        assertEquals((784 * 64 * bits("hidden1_W") + 64 * 32 * bits("hidden2_W") + 32 * 10 * bits("out_W")) / (784 * 64 + 64 * 32 + 32 * 10.0),
                result.averageBits(), 1e-12);

        Map<String, QuantizedTensor> quantized = Quantizations.of(ModelHandle.of(net));
        assertEquals(WEIGHTS, List.copyOf(quantized.keySet()));
        result.formats().forEach((tensor, format) -> assertEquals(format, quantized.get(tensor).format(), tensor));
        assertEquals(result.accuracy(), ModelEvaluator.evaluate(ModelHandle.of(net), TrainedMlp.validation(), ProgressListener.NONE)
                .accuracy());
        assertTrue(result.accuracy() > result.baselineAccuracy() - 0.1, result::toString);
    }

    @Test
    void theSmallOutputLayerKeepsMoreBitsThanTheLargeFirstLayer() {
        assertTrue(bits("out_W") > bits("hidden1_W"), result.formats()::toString);
    }

    @Test
    void thePathStartsAtTheWidestAndShowsRealAccuracies() {
        AllocationStep first = result.path().get(0);
        assertEquals(0, first.step());
        assertEquals(8, first.averageBits());
        assertEquals(Map.of("hidden1_W", "int8", "hidden2_W", "int8", "out_W", "int8"), first.formats());
        AllocationStep last = result.path().get(result.path().size() - 1);
        assertEquals(result.accuracy(), last.accuracy());
        assertEquals(result.averageBits(), last.averageBits());
        for (int i = 1; i < result.path().size(); i++) {
            assertTrue(result.path().get(i).step() > result.path().get(i - 1).step());
        }
        assertEquals("float: accuracy " + String.format(Locale.ROOT, "%.1f%%", 100 * result.baselineAccuracy()), details.get(0));
        assertTrue(details.get(1).matches("hidden1 at int2: accuracy \\d+\\.\\d%"), details.get(1));
        assertTrue(details.get(22).matches("step \\d+, \\d\\.\\d\\d bits: accuracy \\d+\\.\\d%"), details.get(22));
    }

    @Test
    void aBudgetBelowTheNarrowestCandidateIsRefused() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        ModelState start = ModelState.of(copy);
        assertEquals("a budget of 1.5 bits per weight is below the narrowest candidate, int2 at 2 bits",
                assertThrows(Slim4jException.class, () -> BitAllocation.allocate(ModelHandle.of(copy), CANDIDATES, 1.5,
                        Selection.weights(), TrainedMlp.validation(), ProgressListener.NONE)).getMessage());
        assertEquals("mixed precision needs at least one candidate format, got none",
                assertThrows(Slim4jException.class, () -> BitAllocation.allocate(ModelHandle.of(copy), List.of(), 4,
                        Selection.weights(), TrainedMlp.validation(), ProgressListener.NONE)).getMessage());
        start.assertSameAs(ModelState.of(copy));
    }

    @Test
    void anInterruptAmongTheSensitivitiesLeavesTheModelUnchanged() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        ModelState start = ModelState.of(copy);
        AllocationResult partial = BitAllocation.allocate(ModelHandle.of(copy), CANDIDATES, 4, Selection.weights(),
                TrainedMlp.validation(), interruptAt(5));
        assertFalse(partial.complete());
        assertTrue(partial.formats().isEmpty());
        assertTrue(Thread.currentThread().isInterrupted());
        start.assertSameAs(ModelState.of(copy));
    }

    @Test
    void anInterruptAfterThePlansEndAppliesItWithinTheBudget() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        // The baseline, 3 × 7 sensitivities, then the plan's end.
        AllocationResult partial = BitAllocation.allocate(ModelHandle.of(copy), CANDIDATES, 5, Selection.weights(),
                TrainedMlp.validation(), interruptAt(23));
        assertFalse(partial.complete());
        assertTrue(partial.averageBits() <= 5);
        assertEquals(1, partial.path().size());
        Map<String, QuantizedTensor> quantized = Quantizations.of(ModelHandle.of(copy));
        partial.formats().forEach((tensor, format) -> assertEquals(format, quantized.get(tensor).format(), tensor));
    }

    @Test
    void aFailureLeavesTheModelAsItWas() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        ModelState start = ModelState.of(copy);
        // 784 inputs do not split into groups of 5.
        List<WeightFormat> grouped = List.of(new IntegerFormat(4, Scheme.SYMMETRIC, true, new Granularity.PerGroup(5)),
                CANDIDATES.get(6));
        assertThrows(Slim4jException.class, () -> BitAllocation.allocate(ModelHandle.of(copy), grouped, 6, Selection.weights(),
                TrainedMlp.validation(), ProgressListener.NONE));
        start.assertSameAs(ModelState.of(copy));
    }

    private static ProgressListener interruptAt(long evaluation) {
        return (done, total, detail) -> {
            if (done == evaluation) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static int bits(String tensor) {
        return result.formats().get(tensor).bits();
    }
}
