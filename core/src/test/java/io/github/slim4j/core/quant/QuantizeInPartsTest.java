package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.ByHand;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Selection;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor of more than {@link COrder#PARALLEL_FROM} values is quantized in parts at once. The
 * result must not depend on that: the same codes, values and report with one thread as with the
 * machine's, and the same codes for each row as quantizing that row alone, which one thread does.
 */
class QuantizeInPartsTest {
    private static final int ROWS = 1100;
    private static final int COLUMNS = 1024;

    static Stream<String> formats() {
        return Stream.of("int8", "uint8:affine:tensor", "int4:group32", "int3", "fp8-e4m3", "pow2:4", "int8:p99.9");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void oneThreadAndEveryThreadGiveTheSameBits(String text) throws Exception {
        assertTrue((long) ROWS * COLUMNS >= COrder.PARALLEL_FROM, "the tensor must be large enough to be split");
        INDArray weights = weights();
        WeightFormat format = WeightFormat.parse(text);
        Outcome shared = quantize(weights, format);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            // A parallel stream started on a pool's worker runs its tasks in that pool: here, one thread.
            Outcome alone = single.submit(ForkJoinTask.adapt(() -> quantize(weights, format))).get();
            assertArrayEquals(alone.bits(), shared.bits(), text + ": dequantized values");
            assertEquals(alone.codes(), shared.codes(), text + ": codes");
            assertEquals(alone.report(), shared.report(), text + ": report, SQNR included");
            assertEquals(sqnrInChunkOrder(weights, shared.bits()), shared.report().tensors().get(0).sqnrDb(), text + ": SQNR");
        } finally {
            single.shutdown();
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void eachRowGetsTheCodesItGetsAlone(String text) {
        WeightFormat format = WeightFormat.parse(text);
        if (!(format instanceof IntegerFormat integer) || !(integer.granularity() instanceof Granularity.PerChannel)) {
            return; // only per-channel grids are the same for a row alone
        }
        INDArray weights = weights();
        Outcome whole = quantize(weights, format);
        int[] wholeBits = whole.bits();
        for (int row = 0; row < ROWS; row += 97) {
            int[] rowBits = quantize(weights.getRow(row, true).dup('c'), format).bits();
            for (int column = 0; column < COLUMNS; column++) {
                assertEquals(rowBits[column], wholeBits[row * COLUMNS + column], text + ": row " + row + ", column " + column);
            }
        }
    }

    /**
     * The SQNR as one thread computes it: each 4,096-value chunk's sums in double, the chunks' sums
     * added in C order.
     */
    private static double sqnrInChunkOrder(INDArray original, int[] dequantizedBits) {
        float[] values = original.dup('c').data().asFloat();
        double signal = 0;
        double noise = 0;
        for (int start = 0; start < values.length; start += COrder.CHUNK) {
            double chunkSignal = 0;
            double chunkNoise = 0;
            for (int i = start; i < Math.min(values.length, start + COrder.CHUNK); i++) {
                double error = values[i] - Float.intBitsToFloat(dequantizedBits[i]);
                chunkSignal += (double) values[i] * values[i];
                chunkNoise += error * error;
            }
            signal += chunkSignal;
            noise += chunkNoise;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    private static INDArray weights() {
        Nd4j.getRandom().setSeed(7);
        INDArray weights = Nd4j.randn(DataType.FLOAT, ROWS, COLUMNS);
        // Exact zeros, as pruning leaves them, and a row of one value.
        weights.getRow(3).assign(0);
        weights.getRow(5).assign(0.25);
        return weights;
    }

    private record Outcome(int[] bits, PackedCodes codes, QuantizationReport report) {
    }

    private static Outcome quantize(INDArray original, WeightFormat format) {
        INDArray copy = original.dup('c');
        ModelHandle model = ModelHandle.of(copy);
        QuantizationReport report = Quantizer.quantize(model, new QuantizeSpec(format, LayerFormats.none(), Selection.weights()));
        Supplier<PackedCodes> codes = () -> Quantizations.of(model).values().iterator().next().codes();
        return new Outcome(ByHand.bits(copy), codes.get(), report);
    }
}
