package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorKinds;
import io.github.slim4j.core.summary.ModelSummary;
import io.github.slim4j.core.summary.StorageEstimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class QuantizerTest {

    /** The 784 → 32 → 10 MLP at int8 per channel: weights only, each as its record says, sizes exactly counted. */
    @Test
    void weightsAreQuantizedAndKeepTheirRecords() {
        MultiLayerNetwork net = TestNetworks.mlp();
        INDArray biases = net.getParam("0_b").dup();
        ModelHandle model = ModelHandle.of(net);

        QuantizationReport report = Quantizer.quantize(model, spec("int8"));

        assertEquals(List.of("0_W", "1_W"), report.tensors().stream().map(TensorQuantization::tensor).toList());
        Bitwise.assertIdentical(biases, net.getParam("0_b"), "biases stay float32");
        Map<String, QuantizedTensor> records = Quantizations.of(model);
        assertEquals(List.of("0_W", "1_W"), List.copyOf(records.keySet()));
        Bitwise.assertIdentical(records.get("0_W").dequantize(), net.getParam("0_W"), "the weights hold exactly the codes' values");
        QParams hidden = records.get("0_W").qparams().orElseThrow();
        assertEquals(32, hidden.slices(), "one scale per output, axis 1 of [nIn, nOut]");
        assertEquals(1, hidden.axis());

        TensorQuantization row = report.tensors().get(0);
        assertEquals("0", row.layer());
        assertEquals(WeightFormat.parse("int8"), row.format());
        assertEquals(784 * 32, row.parameters());
        assertEquals(784 * 32 * 4, row.bytesBefore());
        assertEquals(784 * 32 + 32 * 4, row.bytesAfter(), "a byte a weight and a float32 scale a channel; symmetric: no zero points");
        assertTrue(row.minScale().getAsDouble() <= row.maxScale().getAsDouble());
        assertTrue(row.sqnrDb() > 30 && Double.isFinite(row.sqnrDb()), "SQNR " + row.sqnrDb());
        assertEquals(32 * 10 + 10 * 4, report.tensors().get(1).bytesAfter());
    }

    /** int4:group16 on a DL4J dense W [784, 32]: groups of 16 inputs along axis 0, one scale per (output, group). */
    @Test
    void perGroupOnADenseLayerGroupsItsInputs() {
        MultiLayerNetwork net = TestNetworks.mlp();
        INDArray original = net.getParam("0_W").dup();

        Quantizer.quantize(ModelHandle.of(net), spec("int4:group16"));

        QParams qparams = Quantizations.of(ModelHandle.of(net)).get("0_W").qparams().orElseThrow();
        assertEquals(32 * 49, qparams.slices());
        assertEquals(16, qparams.groupSize());
        assertEquals(0, qparams.groupAxis());
        assertEquals(1, qparams.axis());
        float[] scales = qparams.scales();
        for (int channel : new int[] {0, 7, 31}) {
            for (int group : new int[] {0, 13, 48}) {
                INDArray block = original.get(NDArrayIndex.interval(group * 16, group * 16 + 16), NDArrayIndex.point(channel));
                assertEquals(block.amaxNumber().floatValue() / 7.5f, scales[channel * 49 + group], 0f, "channel " + channel + " group " + group);
            }
        }
    }

    @Test
    void aBadRequestIsOneLineAndLeavesTheModelAsItWas() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        float[] before = net.params().toFloatVector();

        assertUnchanged(net, before, "cannot quantize 0_W to int4:group32: the input axis 0 has 784 values, not a multiple of the group size 32",
                () -> Quantizer.quantize(model, spec("int4:group32")));
        // The hidden layer plans fine; the output layer's 32 inputs do not split into groups of 3.
        assertUnchanged(net, before, "cannot quantize 1_W to int4:group3: the input axis 0 has 32 values, not a multiple of the group size 3",
                () -> Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.parse("1=int4:group3"),
                        Selection.weights())));
        assertUnchanged(net, before, "layer format '2=int4' matches no selected layer; selected layers are 0, 1",
                () -> Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.parse("0=fp16,2=int4"),
                        Selection.weights())));

        INDArray weights = net.getParam("0_W");
        weights.putScalar(0, 0, Float.NaN);
        weights.putScalar(5, 3, Float.NaN);
        weights.putScalar(9, 1, Float.NaN);
        weights.putScalar(2, 2, Float.NEGATIVE_INFINITY);
        float[] broken = net.params().toFloatVector();
        assertUnchanged(net, broken, "0_W (layer 0) holds 3 NaN and 1 infinite values; quantization needs finite weights",
                () -> Quantizer.quantize(model, spec("fp16")));
    }

    @Test
    void aRecordKeptForTheSameFormatIsNotWrittenOverValuesThatAreNoLongerFinite() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Quantizer.quantize(model, spec("int8"));
        net.getParam("1_W").putScalar(0, 0, Float.NaN);
        float[] broken = net.params().toFloatVector();
        Slim4jException error = assertThrows(Slim4jException.class, () -> Quantizer.quantize(model, spec("int8")));
        assertEquals("1_W (layer 1) holds 1 NaN value; quantization needs finite weights", error.getMessage());
        float[] after = net.params().toFloatVector();
        for (int i = 0; i < broken.length; i++) {
            assertEquals(Float.floatToRawIntBits(broken[i]), Float.floatToRawIntBits(after[i]), "parameter " + i);
        }
    }

    @Test
    void layerRulesChooseEachLayersFormat() {
        MultiLayerNetwork net = TestNetworks.namedWithBatchNorm();
        INDArray gamma = net.getLayer(1).getParam("gamma").dup();

        QuantizationReport report = Quantizer.quantize(ModelHandle.of(net),
                new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.parse("hid.*=fp16"), Selection.weights()));

        assertEquals(List.of("fp16", "int8"), report.tensors().stream().map(row -> row.format().name()).toList());
        assertEquals(List.of("hidden_W", "out_W"), report.tensors().stream().map(TensorQuantization::tensor).toList());
        Bitwise.assertIdentical(gamma, net.getLayer(1).getParam("gamma"));
        assertEquals(4 * 3 * 16, Quantizations.of(ModelHandle.of(net)).get("hidden_W").storageBits());
    }

    @Test
    void aDeepCopyCarriesRecordsOfItsOwn() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Quantizer.quantize(model, spec("int8"));
        Map<String, QuantizedTensor> records = Quantizations.of(model);

        ModelHandle copy = model.deepCopy();
        assertEquals(records, Quantizations.of(copy));
        Quantizer.quantize(copy, spec("int4:tensor"));

        assertEquals(records, Quantizations.of(model), "the original keeps its int8 records");
        assertEquals("int4:tensor", Quantizations.of(copy).get("0_W").format().name());

        ComputationGraph graph = TestNetworks.graph();
        ModelHandle graphModel = ModelHandle.of(graph);
        Quantizer.quantize(graphModel, spec("bf16"));
        ModelHandle graphCopy = graphModel.deepCopy();
        Quantizations.restore(graphCopy, Map.of());
        assertEquals(List.of("z_hidden_W", "a_out_W"), List.copyOf(Quantizations.of(graphModel).keySet()), "a graph's clone shares no listeners");
        assertTrue(Quantizations.of(graphCopy).isEmpty());
    }

    /** Training moves the weights off the grid: the records no longer describe them, and storage is float again. */
    @Test
    void trainingMakesRecordsStale() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        long floatBytes = ModelSummary.of(model).storageBytes();
        Quantizer.quantize(model, spec("int8"));
        long quantizedBytes = ModelSummary.of(model).storageBytes();
        // DL4J's biases start at zero: a bit each in a bitmask.
        assertEquals((8 * (784 * 32 + 32 * 4 + 320 + 40) + 32 + 10 + 7) / 8, quantizedBytes);

        net.fit(TestData.random(32, 784, 10, 32));

        assertTrue(Quantizations.of(model).isEmpty());
        assertEquals(StorageEstimate.of(model.parameters()).bytes(), ModelSummary.of(model).storageBytes(), "every tensor at float32");
        assertTrue(quantizedBytes < floatBytes / 3);
    }

    /** A pruned network's zeros quantize to the code of zero; its masks stay, and keep the entries zero through training. */
    @Test
    void aPrunedNetworkKeepsItsMasks() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5), io.github.slim4j.core.prune.Scope.LAYER,
                Selection.weights()));
        var masks = Masks.of(model);

        QuantizationReport report = Quantizer.quantize(model, spec("int4:affine"));

        assertEquals(masks, Masks.of(model));
        assertPrunedAreZero(net, masks);
        assertEquals(2, Quantizations.of(model).size());
        // Half the codes are zero: a bitmask and 4-bit non-zeros beat 4 bits each; scales and zero points come on top.
        long entries = 784 * 32;
        assertEquals((entries + entries / 2 * 4 + 32 * 64 + 7) / 8, report.tensors().get(0).bytesAfter());

        net.fit(TestData.random(32, 784, 10, 32));
        assertPrunedAreZero(net, masks);
        assertTrue(Quantizations.of(model).isEmpty());
    }

    /** Named and single tensors keep records by the tensor objects: any handle on them sees them, copies carry them. */
    @Test
    void tensorModelsKeepRecordsWithTheirTensors() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("fc1.weight", IntegerFormatTest.random(16, 8, 1));
        tensors.put("fc1.bias", Nd4j.rand(DataType.FLOAT, 16));
        tensors.put("fc2.weight", IntegerFormatTest.random(4, 16, 2));
        Quantizer.quantize(ModelHandle.of(tensors), spec("uint8:affine"));

        ModelHandle again = ModelHandle.of(tensors);
        assertEquals(List.of("fc1.weight", "fc2.weight"), List.copyOf(Quantizations.of(again).keySet()));
        ModelHandle copy = again.deepCopy();
        assertEquals(Quantizations.of(again), Quantizations.of(copy));

        tensors.get("fc1.weight").putScalar(0, 0, 123f);
        assertEquals(List.of("fc2.weight"), List.copyOf(Quantizations.of(again).keySet()), "an edited tensor is float again");
        tensors.put("fc2.weight", tensors.get("fc2.weight").dup());
        assertTrue(Quantizations.of(again).isEmpty(), "a new array under the key has no record");
        assertEquals(2, Quantizations.of(copy).size(), "the copy's tensors are its own");

        INDArray single = IntegerFormatTest.random(3, 5, 3);
        Quantizer.quantize(ModelHandle.of(single), spec("fixed:Q1.6"));
        assertEquals(Optional.of("fixed:Q1.6"), Quantizations.of(ModelHandle.of(single), ModelHandle.of(single).parameters().get(0))
                .map(record -> record.format().name()));
        assertTrue(Quantizations.of(ModelHandle.of(single.dup())).isEmpty(), "an equal tensor is another tensor");
    }

    @Test
    void quantizingTwiceChangesNothing() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Quantizer.quantize(model, spec("int8"));
        float[] once = net.params().toFloatVector();

        TensorQuantization again = Quantizer.quantize(model, spec("int8")).tensors().get(0);

        assertArrayEquals(once, net.params().toFloatVector());
        assertEquals(again.bytesBefore(), again.bytesAfter());
        assertEquals(Double.POSITIVE_INFINITY, again.sqnrDb());
        Quantizer.quantize(model, spec("int4"));
        assertFalse(java.util.Arrays.equals(once, net.params().toFloatVector()), "another format quantizes again");
    }

    @Test
    void recordsCanBePutBackWithTheirWeights() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Quantizer.quantize(model, spec("int8"));
        Map<String, QuantizedTensor> saved = Quantizations.of(model);
        INDArray weights = net.params().dup();

        Quantizer.quantize(model, spec("int4"));
        net.setParams(weights);
        Quantizations.restore(model, saved);

        assertEquals(saved, Quantizations.of(model));
        Quantizations.restore(model, Map.of());
        assertTrue(Quantizations.of(model).isEmpty());
        assertEquals("cannot restore the quantization of 9_W: the model has no such tensor", assertThrows(Slim4jException.class,
                () -> Quantizations.restore(model, Map.of("9_W", saved.get("0_W")))).getMessage());
        assertEquals("cannot restore the quantization of 1_W: it has shape [784, 32], the tensor [32, 10]", assertThrows(Slim4jException.class,
                () -> Quantizations.restore(model, Map.of("1_W", saved.get("0_W")))).getMessage());
    }

    /** float64 and strided tensors are quantized as float32 and written back; integer tensors and scalars per channel are refused. */
    @Test
    void dtypesLayoutsAndScalars() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", IntegerFormatTest.random(5, 3, 5).castTo(DataType.DOUBLE));
        tensors.put("b.weight", IntegerFormatTest.random(6, 10, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 10)));
        tensors.put("c.weight", IntegerFormatTest.random(6, 10, 6).transpose());
        ModelHandle model = ModelHandle.of(tensors);
        Quantizer.quantize(model, spec("int8:affine"));
        assertEquals(3, Quantizations.of(model).size());
        assertEquals(DataType.DOUBLE, tensors.get("a.weight").dataType());
        assertEquals(Quantizations.of(model).get("c.weight").dequantize(), tensors.get("c.weight"));

        Map<String, INDArray> counts = new LinkedHashMap<>(Map.of("n.weight", Nd4j.createFromArray(1, 2, 3)));
        assertEquals("cannot quantize n.weight: its dtype int32 is not float32 or float64",
                assertThrows(Slim4jException.class, () -> Quantizer.quantize(ModelHandle.of(counts), spec("int8"))).getMessage());

        Map<String, INDArray> scalar = new LinkedHashMap<>(Map.of("s.weight", Nd4j.scalar(0.5f)));
        assertEquals("cannot quantize s.weight to int8: channel axis 0 does not exist in a tensor of rank 0, which has no axes",
                assertThrows(Slim4jException.class, () -> Quantizer.quantize(ModelHandle.of(scalar), spec("int8"))).getMessage());
        Quantizer.quantize(ModelHandle.of(scalar), spec("int8:tensor"));
        assertEquals(0.5f, scalar.get("s.weight").getFloat(0), 0.5f / 127);

        Map<String, INDArray> withBias = new LinkedHashMap<>(Map.of("l.weight", Nd4j.ones(DataType.FLOAT, 2, 2), "l.bias",
                Nd4j.createFromArray(0.1f, 0.2f)));
        Quantizer.quantize(ModelHandle.of(withBias), new QuantizeSpec(WeightFormat.parse("fp8-e4m3"), LayerFormats.none(),
                new Selection(Optional.empty(), Optional.empty(), TensorKinds.ALL)));
        assertEquals(2, Quantizations.of(ModelHandle.of(withBias)).size(), "biases too when the selection takes them");
    }

    /** Two entries viewing one buffer: the later write wins, and only its record is current, as it is true. */
    @Test
    void tensorsSharingABufferKeepOnlyTrueRecords() {
        INDArray wide = IntegerFormatTest.random(6, 10, 4);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 10)));
        tensors.put("c.weight", wide.transpose());
        ModelHandle model = ModelHandle.of(tensors);

        Quantizer.quantize(model, spec("int8:affine"));

        assertEquals(List.of("c.weight"), List.copyOf(Quantizations.of(model).keySet()));
        assertEquals(Quantizations.of(model).get("c.weight").dequantize(), tensors.get("c.weight"));
    }

    static QuantizeSpec spec(String format) {
        return new QuantizeSpec(WeightFormat.parse(format), LayerFormats.none(), Selection.weights());
    }

    private static void assertUnchanged(MultiLayerNetwork net, float[] before, String message, Runnable quantize) {
        Slim4jException error = assertThrows(Slim4jException.class, quantize::run);
        assertEquals(message, error.getMessage());
        float[] after = net.params().toFloatVector();
        for (int i = 0; i < before.length; i++) {
            assertEquals(Float.floatToIntBits(before[i]), Float.floatToIntBits(after[i]), "parameter " + i);
        }
        assertTrue(Quantizations.of(ModelHandle.of(net)).isEmpty());
    }

    private static void assertPrunedAreZero(MultiLayerNetwork net, Map<String, io.github.slim4j.core.prune.Mask> masks) {
        masks.forEach((name, mask) -> {
            float[] values = net.getParam(name).dup('c').reshape(mask.size()).toFloatVector();
            float[] storage = net.getParam(name).dup(net.getParam(name).ordering()).data().asFloat();
            long zeros = 0;
            for (int i = 0; i < mask.size(); i++) {
                if (!mask.isKept(i)) {
                    assertEquals(0f, storage[i], name + " entry " + i);
                }
                zeros += values[i] == 0f ? 1 : 0;
            }
            assertTrue(zeros >= mask.pruned());
        });
    }
}
