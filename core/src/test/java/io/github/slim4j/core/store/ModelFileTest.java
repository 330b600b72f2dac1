package io.github.slim4j.core.store;

import static io.github.slim4j.core.Bitwise.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.summary.ModelSummary;
import io.github.slim4j.core.summary.TensorStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"int8", "int4:group16", "uint8:affine:tensor", "fixed:Q2.5", "pow2", "fp16", "bf16", "fp8-e4m3", "mantissa:3"})
    void aPrunedAndQuantizedNetworkComesBackBitForBit(String format) throws IOException {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.6)));
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse(format), LayerFormats.none(), Selection.weights()));

        MultiLayerNetwork loaded = assertInstanceOf(MultiLayerNetwork.class, roundTrip(net));
        ModelHandle again = ModelHandle.of(loaded);

        assertSameTensors(model, again);
        assertEquals(Masks.of(model), Masks.of(again));
        assertEquals(Quantizations.of(model), Quantizations.of(again));
        assertEquals(model.parameters().size() / 2, Quantizations.of(again).size(), "every weight tensor is still quantized");
        INDArray input = TestData.random(16, 784, 10, 16).next().getFeatures();
        assertIdentical(net.output(input), loaded.output(input));
    }

    @Test
    void trainingAfterLoadingKeepsPrunedWeightsAtZero() {
        MultiLayerNetwork net = TestNetworks.mlp();
        Pruner.prune(ModelHandle.of(net), layer(new Criterion.Magnitude(), new Amount.Fraction(0.7)));
        MultiLayerNetwork loaded = (MultiLayerNetwork) roundTrip(net);
        INDArray before = loaded.getParam("0_W").dup();

        loaded.fit(TestData.random(64, 784, 10, 32));

        float[] was = before.dup('c').data().asFloat();
        float[] now = loaded.getParam("0_W").dup('c').data().asFloat();
        int pruned = 0;
        boolean changed = false;
        for (int i = 0; i < was.length; i++) {
            if (was[i] == 0) {
                pruned++;
                assertEquals(0, Float.floatToRawIntBits(now[i]), "pruned entry " + i + " grew back");
            } else {
                changed |= now[i] != was[i];
            }
        }
        assertEquals(Math.round(0.7 * was.length), pruned);
        assertTrue(changed, "training changed the kept weights");
    }

    @Test
    void aMaskThatIsNotTheNonZerosIsStoredAndComesBackInStorageOrder() throws IOException {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
        // A kept weight that happens to be zero: the mask is no longer just the non-zeros.
        INDArray weights = net.getParam("0_W");
        int row = 3;
        int column = 0;
        while (weights.getFloat(row, column) == 0) {
            column++;
        }
        weights.putScalar(row, column, 0f);

        ModelHandle again = ModelHandle.of(roundTrip(net));

        assertEquals(Manifest.MaskForm.STORED, manifest(folder.resolve("model.safetensors")).tensors().get(0).mask());
        assertEquals(Masks.of(model), Masks.of(again));
        assertSameTensors(model, again);
    }

    @Test
    void aGraphKeepsItsCalibrationAndEveryMethodChoosesAsBefore() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        ModelHandle model = ModelHandle.of(graph);
        ActivationCalibration statistics = new ActivationCalibration();
        DataSetIterator data = TestGraphs.images(24, 8, 11);
        var result = ActivationCapture.run(model, data, ActivationCapture.ALL_BATCHES, statistics::record, io.github.slim4j.core.progress.ProgressListener.NONE);
        IntegerFormat uint8 = (IntegerFormat) WeightFormat.parse("uint8:affine:tensor");
        Calibrations.put(model, new Calibration(statistics, result.batches(), true, CalibrationMethod.parse("entropy"), uint8));

        ComputationGraph loaded = assertInstanceOf(ComputationGraph.class, roundTrip(graph));
        Calibration kept = Calibrations.of(ModelHandle.of(loaded)).orElseThrow();

        assertEquals("entropy", kept.method().text());
        assertEquals(uint8, kept.format());
        assertEquals(result.batches(), kept.batches());
        for (CalibrationMethod method : CalibrationMethod.all()) {
            assertEquals(statistics.report(method, uint8), kept.statistics().report(method, uint8), method.text());
        }
        assertSameTensors(model, ModelHandle.of(loaded));
        DataSet batch = TestGraphs.images(8, 8, 5).next();
        assertIdentical(graph.outputSingle(batch.getFeatures()), loaded.outputSingle(batch.getFeatures()));
    }

    @Test
    void tensorsOfEveryTypeComeBackAsTheyWere() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("weight", Nd4j.rand(DataType.FLOAT, 5, 7).subi(0.5));
        tensors.put("double", Nd4j.rand(DataType.DOUBLE, 3, 2));
        tensors.put("half", Nd4j.rand(DataType.FLOAT, 4).castTo(DataType.HALF));
        tensors.put("counts", Nd4j.createFromArray(new long[] {1, -2, 3}));
        tensors.put("fortran", Nd4j.rand(DataType.FLOAT, 'f', 3L, 4L));
        tensors.put("scalar", Nd4j.scalar(DataType.FLOAT, -0f));

        Map<?, ?> loaded = assertInstanceOf(Map.class, roundTrip(tensors));

        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(loaded.keySet()));
        tensors.forEach((name, tensor) -> {
            INDArray back = (INDArray) loaded.get(name);
            assertEquals(tensor.dataType(), back.dataType(), name);
            assertEquals(List.of(box(tensor.shape())), List.of(box(back.shape())), name);
            assertEquals(tensor.dup('c').data().asBytes().length, back.dup('c').data().asBytes().length, name);
            assertTrue(java.util.Arrays.equals(tensor.dup('c').data().asBytes(), back.dup('c').data().asBytes()), name + " bit for bit");
        });
    }

    @Test
    void aSingleQuantizedTensorKeepsItsRecord() {
        INDArray tensor = Nd4j.rand(DataType.FLOAT, 8, 16).subi(0.5);
        ModelHandle model = ModelHandle.of(tensor);
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int4:group8"), LayerFormats.none(), Selection.weights()));

        INDArray loaded = assertInstanceOf(INDArray.class, roundTrip(tensor));

        assertIdentical(tensor, loaded);
        assertEquals(Quantizations.of(model).values().stream().toList(), Quantizations.of(ModelHandle.of(loaded)).values().stream().toList());
    }

    @Test
    void theFileIsAsLargeAsTheStorageBitwidthReports() throws IOException {
        MultiLayerNetwork net = TestNetworks.mlp(128);
        ModelHandle model = ModelHandle.of(net);
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int4"), LayerFormats.none(), Selection.weights()));
        assertFileSizeNearStorage(model, net);

        MultiLayerNetwork sparse = TestNetworks.mlp(128);
        ModelHandle pruned = ModelHandle.of(sparse);
        Pruner.prune(pruned, layer(new Criterion.Magnitude(), new Amount.Fraction(0.9)));
        Quantizer.quantize(pruned, new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.none(), Selection.weights()));
        assertFileSizeNearStorage(pruned, sparse);
        Manifest.SavedTensor weights = manifest(folder.resolve("sized.safetensors")).tensors().get(0);
        assertEquals(TensorStorage.Encoding.BITMASK, weights.layout(), "90 % zeros at 8 bits: a bitmask and the non-zero codes");
        assertEquals(Manifest.MaskForm.NON_ZEROS, weights.mask());
        assertEquals("int8", weights.quantized().orElseThrow().format());
    }

    private static Manifest manifest(Path file) throws IOException {
        try (SafetensorsFile opened = SafetensorsFile.open(file)) {
            return Manifest.parse(opened.metadata().get(Manifest.KEY));
        }
    }

    private void assertFileSizeNearStorage(ModelHandle model, Object value) throws IOException {
        Path file = folder.resolve("sized.safetensors");
        ModelFile.save(value, file);
        long storage = ModelSummary.of(model).storageBytes();
        long size = Files.size(file);
        long header;
        try (SafetensorsFile opened = SafetensorsFile.open(file)) {
            header = size - opened.entries().values().stream().mapToLong(entry -> entry.end() - entry.begin()).sum();
        }
        long tensorBytes = size - header;
        assertTrue(Math.abs(tensorBytes - storage) <= 0.05 * storage, tensorBytes + " bytes of tensors against " + storage + " reported");
        assertTrue(header < 16_384, "the header and manifest take " + header + " bytes");
        assertNotEquals(0, storage);
    }

    @Test
    void aSafetensorsFileWithoutAManifestLoadsAsATensorMap() throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        writer.add("a", Nd4j.createFromArray(1f, 2f, 3f));
        writer.add("b", Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}));
        Path file = folder.resolve("plain.safetensors");
        writer.writeTo(file);

        Map<?, ?> loaded = assertInstanceOf(Map.class, ModelFile.load(file));

        assertEquals(List.of("a", "b"), List.copyOf(loaded.keySet()));
        assertEquals(Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}), loaded.get("b"));
        assertTrue(ModelFile.recognizes(file));
        assertFalse(ModelFile.recognizes(folder.resolve("absent.safetensors")));
    }

    private static PruneSpec layer(Criterion criterion, Amount amount) {
        return new PruneSpec(criterion, amount, Scope.LAYER, Selection.weights());
    }

    private Object roundTrip(Object model) {
        Path file = folder.resolve("model.safetensors");
        ModelFile.save(model, file);
        return ModelFile.load(file);
    }

    private static void assertSameTensors(ModelHandle expected, ModelHandle actual) {
        List<ParamTensor> before = expected.parameters();
        List<ParamTensor> after = actual.parameters();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).qualifiedName(), after.get(i).qualifiedName());
            assertIdentical(before.get(i).values(), after.get(i).values(), before.get(i).qualifiedName());
        }
    }

    private static Long[] box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
