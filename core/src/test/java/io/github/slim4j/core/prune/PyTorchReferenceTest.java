package io.github.slim4j.core.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.RefData;
import io.github.slim4j.core.model.ModelHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The pruning cases of shared/refdata, produced by PyTorch 1.13, bit for bit. */
class PyTorchReferenceTest {

    @Test
    void l1UnstructuredPrunesTheSameEntries() {
        JsonNode golden = RefData.testCase("prune_l1_unstructured_256x128_amount_0p5");
        INDArray weights = RefData.array(golden.at("/inputs/w"));
        INDArray original = weights.dup();

        PruneReport report = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));

        assertKeptExactly(RefData.array(golden.at("/expected/mask")), original, weights);
        assertEquals(golden.at("/expected/n_pruned").asLong(), report.prunedAfter());
        assertEquals((float) golden.at("/expected/largest_pruned_abs").asDouble(),
                (float) report.tensors().get(0).threshold().getAsDouble());
    }

    @Test
    void lnStructuredPrunesTheSameChannels() {
        JsonNode golden = RefData.testCase("prune_ln_structured_conv32x16x3x3_n1_dim0_amount_0p5");
        INDArray weights = RefData.array(golden.at("/inputs/w"));
        INDArray original = weights.dup();

        Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Structured(1, OptionalInt.of(0)), new Amount.Fraction(0.5)));

        assertKeptExactly(RefData.array(golden.at("/expected/mask")), original, weights);
        List<Integer> kept = IntStream.range(0, 32).filter(c -> weights.slice(c).sumNumber().doubleValue() != 0).boxed().toList();
        List<Integer> expectedKept = new ArrayList<>();
        golden.at("/expected/kept_channels").forEach(channel -> expectedKept.add(channel.asInt()));
        assertEquals(expectedKept, kept);
    }

    /** Pruning k channels reports the k-th smallest norm as its threshold: every norm, checked through the public API. */
    @Test
    void channelNormsAreTorchsNorms() {
        JsonNode golden = RefData.testCase("prune_ln_structured_conv32x16x3x3_n1_dim0_amount_0p5");
        double[] norms = new double[32];
        for (int c = 0; c < 32; c++) {
            norms[c] = golden.at("/expected/channel_norms").get(c).asDouble();
        }
        Arrays.sort(norms);
        INDArray weights = RefData.array(golden.at("/inputs/w"));
        for (int k = 1; k <= 32; k++) {
            PruneReport report = Pruner.prune(ModelHandle.of(weights.dup()), layer(new Criterion.Structured(1, OptionalInt.empty()),
                    new Amount.Count(k)));
            assertEquals(norms[k - 1], report.tensors().get(0).threshold().getAsDouble(), norms[k - 1] * 1e-6, "k " + k);
        }
    }

    @Test
    void everyUnstructuredRoundingCaseGivesTorchsCount() {
        for (JsonNode row : RefData.testCase("prune_amount_rounding_table").at("/expected/unstructured")) {
            int numel = row.get("numel").asInt();
            Amount amount = row.get("amount_is_int").asBoolean()
                    ? new Amount.Count(row.get("amount").asLong())
                    : new Amount.Fraction(row.get("amount").asDouble());
            long expected = row.get("n_pruned_torch").asLong();
            INDArray weights = shuffledOneTo(numel);
            float[] before = weights.toFloatVector();

            PruneReport report = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), amount));

            assertEquals(expected, report.prunedAfter(), row::toString);
            float[] after = weights.toFloatVector();
            for (int i = 0; i < numel; i++) {
                assertEquals(before[i] <= expected ? 0f : before[i], after[i], row::toString);
            }
        }
    }

    @Test
    void everyStructuredRoundingCaseGivesTorchsChannelCount() {
        for (JsonNode row : RefData.testCase("prune_amount_rounding_table").at("/expected/structured_dim0")) {
            int channels = row.get("channels").asInt();
            INDArray weights = shuffledOneTo(channels * 3).reshape(channels, 3);

            Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Structured(2, OptionalInt.of(0)),
                    new Amount.Fraction(row.get("amount").asDouble())));

            long prunedChannels = IntStream.range(0, channels).filter(c -> weights.getRow(c).sumNumber().doubleValue() == 0).count();
            assertEquals(row.get("n_channels_pruned_torch").asLong(), prunedChannels, row::toString);
        }
    }

    @Test
    void twoOfFourKeepsTheSameEntries() {
        JsonNode golden = RefData.testCase("mask_2of4_linear64x256");
        INDArray weights = RefData.array(golden.at("/inputs/w"));
        INDArray original = weights.dup();

        PruneReport report = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.NofM(2, 4), new Amount.Fraction(0)));

        assertKeptExactly(RefData.array(golden.at("/expected/mask")), original, weights);
        assertEquals(golden.at("/expected/kept_fraction").asDouble(), 1 - report.sparsityAfter());
    }

    static PruneSpec layer(Criterion criterion, Amount amount) {
        return new PruneSpec(criterion, amount, Scope.LAYER, Selection.weights());
    }

    /** Where the mask is 1 the value is untouched, bit for bit; where it is 0 the value is zero. */
    static void assertKeptExactly(INDArray mask, INDArray original, INDArray pruned) {
        int[] keep = mask.castTo(DataType.INT).reshape(-1).toIntVector();
        float[] before = original.reshape(-1).toFloatVector();
        float[] after = pruned.reshape(-1).toFloatVector();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] == 1) {
                assertEquals(Float.floatToIntBits(before[i]), Float.floatToIntBits(after[i]), "kept entry " + i);
            } else {
                assertEquals(0f, after[i], "pruned entry " + i);
            }
        }
    }

    /** 1 to n in a seeded shuffle: distinct positive values, as the rounding table's inputs. */
    static INDArray shuffledOneTo(int n) {
        List<Float> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            values.add((float) i);
        }
        Collections.shuffle(values, new Random(n));
        float[] array = new float[n];
        for (int i = 0; i < n; i++) {
            array[i] = values.get(i);
        }
        return Nd4j.createFromArray(array);
    }
}
