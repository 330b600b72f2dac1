package io.github.slim4j.core.quant.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.github.slim4j.core.prune.TensorKinds;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.Scheme;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.error.ModelState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BitSweepTest {
    static final IntFunction<WeightFormat> PER_CHANNEL = bits -> new IntegerFormat(bits, Scheme.SYMMETRIC, true,
            new Granularity.PerChannel(OptionalInt.empty()));

    private static MultiLayerNetwork net;
    private static ModelState before;
    private static SweepResult result;
    private static final List<String> details = new ArrayList<>();

    /** A network pruned a little and with its output layer already quantized, so that there is every kind of state to keep. */
    @BeforeAll
    static void sweep() {
        net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, Map.of("hidden2_W", new Amount.Fraction(0.3)), new Criterion.Magnitude());
        Quantizer.quantize(model, new QuantizeSpec(PER_CHANNEL.apply(8), LayerFormats.none(),
                new Selection(Optional.of(Pattern.compile("out")), Optional.empty(), TensorKinds.WEIGHTS)));
        before = ModelState.of(net);
        result = BitSweep.run(model, PER_CHANNEL, 2, 8, Selection.weights(), Optional.of(TrainedMlp.validation()),
                (done, total, detail) -> details.add(done + "/" + total + " " + detail));
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void everyWidthWithErrorAndAccuracy() {
        assertTrue(result.complete());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), result.points().stream().map(SweepPoint::bits).toList());
        double baseline = result.baselineAccuracy().orElseThrow();
        for (int i = 1; i < result.points().size(); i++) {
            SweepPoint narrower = result.points().get(i - 1);
            SweepPoint wider = result.points().get(i);
            assertTrue(wider.meanSqnrDb() > narrower.meanSqnrDb(), () -> narrower + " then " + wider);
            assertTrue(wider.mse() < narrower.mse(), () -> narrower + " then " + wider);
        }
        assertTrue(result.points().stream().allMatch(point -> point.accuracy().isPresent()));
        assertEquals(baseline, result.points().get(6).accuracy().orElseThrow(), 0.02);
        assertTrue(result.points().get(0).accuracy().orElseThrow() < baseline);
        // About 6 dB per bit for a uniform grid.
        double perBit = (result.points().get(6).meanSqnrDb() - result.points().get(3).meanSqnrDb()) / 3;
        assertEquals(6, perBit, 1, () -> "dB per bit: " + perBit);
        assertEquals(7, details.size());
        assertTrue(details.get(2).matches("3/7 " + result.points().get(2).format() + ": SQNR \\d+\\.\\d dB, accuracy \\d+\\.\\d%"),
                details.get(2));
    }

    @Test
    void theModelEndsAsItBeganBitForBit() {
        before.assertSameAs(ModelState.of(net));
    }

    @Test
    void withoutDataATensorMapSweepsErrorOnly() {
        Nd4j.getRandom().setSeed(1);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("fc1.weight", Nd4j.randn(DataType.FLOAT, 16, 32));
        tensors.put("fc1.bias", Nd4j.randn(DataType.FLOAT, 16));
        Map<String, float[]> values = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> values.put(name, tensor.ravel().toFloatVector()));

        SweepResult errorOnly = BitSweep.run(ModelHandle.of(tensors), PER_CHANNEL, 4, 6, Selection.weights(), Optional.empty(),
                ProgressListener.NONE);

        assertTrue(errorOnly.complete());
        assertTrue(errorOnly.baselineAccuracy().isEmpty());
        assertEquals(3, errorOnly.points().size());
        assertTrue(errorOnly.points().stream().allMatch(point -> point.accuracy().isEmpty() && Double.isFinite(point.meanSqnrDb())));
        tensors.forEach((name, tensor) -> assertArrayEquals(values.get(name), tensor.ravel().toFloatVector(), name));
    }

    @Test
    void anInterruptKeepsTheWidthsMeasuredAndTheModel() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        ModelState start = ModelState.of(copy);
        SweepResult partial = BitSweep.run(ModelHandle.of(copy), PER_CHANNEL, 2, 8, Selection.weights(),
                Optional.of(TrainedMlp.validation()), (done, total, detail) -> {
                    if (done == 2) {
                        Thread.currentThread().interrupt();
                    }
                });
        assertFalse(partial.complete());
        assertEquals(List.of(2, 3), partial.points().stream().map(SweepPoint::bits).toList());
        assertTrue(Thread.currentThread().isInterrupted());
        start.assertSameAs(ModelState.of(copy));
    }

    @Test
    void aFailureLeavesTheModelAsItWas() {
        MultiLayerNetwork copy = TrainedMlp.copy();
        ModelState start = ModelState.of(copy);
        // 784 inputs do not split into groups of 5.
        assertThrows(Slim4jException.class, () -> BitSweep.run(ModelHandle.of(copy),
                bits -> new IntegerFormat(bits, Scheme.SYMMETRIC, true, new Granularity.PerGroup(5)), 4, 5, Selection.weights(),
                Optional.empty(), ProgressListener.NONE));
        start.assertSameAs(ModelState.of(copy));
    }

    @Test
    void widthsRunUpwards() {
        assertEquals("a sweep runs from fewer bits to more, got 8..2", assertThrows(Slim4jException.class,
                () -> BitSweep.run(ModelHandle.of(TrainedMlp.copy()), PER_CHANNEL, 8, 2, Selection.weights(), Optional.empty(),
                        ProgressListener.NONE)).getMessage());
    }
}
