package io.github.slim4j.core.prune;

import static io.github.slim4j.core.prune.PyTorchReferenceTest.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PrunerTest {

    @Test
    void amountZeroPrunesNothingAndOnePrunesEverything() {
        INDArray weights = Nd4j.createFromArray(3f, -1f, 2f, -4f);
        PruneReport none = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Fraction(0)));
        assertEquals(Nd4j.createFromArray(3f, -1f, 2f, -4f), weights);
        assertEquals(new TensorPruning("tensor", "tensor", 4, 0, 0, OptionalDouble.empty()), none.tensors().get(0));

        PruneReport all = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Fraction(1)));
        assertEquals(Nd4j.zeros(DataType.FLOAT, 4), weights);
        assertEquals(new TensorPruning("tensor", "tensor", 4, 0, 4, OptionalDouble.of(4)), all.tensors().get(0));
        assertEquals(1.0, all.sparsityAfter());
    }

    @Test
    void fractionsRoundHalfToEvenOnTheDoubleProduct() {
        assertEquals(2, new Amount.Fraction(0.5).of(5));
        assertEquals(4, new Amount.Fraction(0.5).of(7));
        assertEquals(57, new Amount.Fraction(0.57).of(100));
        assertEquals(2, prunedCount(5, 0.5));
        assertEquals(4, prunedCount(7, 0.5));
        assertEquals(57, prunedCount(100, 0.57));
    }

    @Test
    void aCountAboveTheEntriesIsRefusedNamingTheTensor() {
        INDArray weights = Nd4j.ones(DataType.FLOAT, 10);
        Slim4jException error = assertThrows(Slim4jException.class,
                () -> Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Count(11))));
        assertEquals("amount 11 is more than the 10 weights of tensor", error.getMessage());

        Map<String, INDArray> two = tensors("a.weight", Nd4j.ones(DataType.FLOAT, 3), "b.weight", Nd4j.ones(DataType.FLOAT, 4));
        assertEquals("amount 8 is more than the 7 weights of the 2 selected tensors", assertThrows(Slim4jException.class,
                () -> Pruner.prune(ModelHandle.of(two), new PruneSpec(new Criterion.Magnitude(), new Amount.Count(8),
                        Scope.GLOBAL, Selection.weights()))).getMessage());
        assertEquals("amount 5 is more than the 4 channels of tensor along axis 0", assertThrows(Slim4jException.class,
                () -> Pruner.prune(ModelHandle.of(Nd4j.ones(DataType.FLOAT, 4, 2)),
                        layer(new Criterion.Structured(2, OptionalInt.empty()), new Amount.Count(5)))).getMessage());
    }

    @Test
    void globalScopeOverOneTensorIsLayerScope() {
        for (Criterion criterion : List.of(new Criterion.Magnitude(), new Criterion.Random(3))) {
            MultiLayerNetwork layerScoped = TestNetworks.mlp();
            MultiLayerNetwork globalScoped = TestNetworks.mlp();
            Selection first = new Selection(Optional.of(Pattern.compile("0")), Optional.empty(), TensorKinds.WEIGHTS);
            PruneReport byLayer = Pruner.prune(ModelHandle.of(layerScoped),
                    new PruneSpec(criterion, new Amount.Fraction(0.63), Scope.LAYER, first));
            PruneReport global = Pruner.prune(ModelHandle.of(globalScoped),
                    new PruneSpec(criterion, new Amount.Fraction(0.63), Scope.GLOBAL, first));
            assertEquals(byLayer, global);
            assertEquals(Masks.of(ModelHandle.of(layerScoped)), Masks.of(ModelHandle.of(globalScoped)));
            Bitwise.assertIdentical(layerScoped.params(), globalScoped.params());
        }
    }

    @Test
    void globalScopeRanksEveryEntryTogether() {
        Map<String, INDArray> model = tensors("small.weight", Nd4j.createFromArray(0.1f, -0.2f, 0.3f),
                "large.weight", Nd4j.createFromArray(5f, -0.15f, 7f));
        PruneReport report = Pruner.prune(ModelHandle.of(model),
                new PruneSpec(new Criterion.Magnitude(), new Amount.Count(3), Scope.GLOBAL, Selection.weights()));
        assertEquals(Nd4j.createFromArray(0f, 0f, 0.3f), model.get("small.weight"));
        assertEquals(Nd4j.createFromArray(5f, 0f, 7f), model.get("large.weight"));
        assertEquals(List.of(OptionalDouble.of(0.2f), OptionalDouble.of(0.15f)),
                report.tensors().stream().map(TensorPruning::threshold).toList());
    }

    @Test
    void tiesGoToTheEntryStoredFirstAndTheLowerChannel() {
        INDArray equal = Nd4j.createFromArray(1f, -1f, 1f, 1f);
        Pruner.prune(ModelHandle.of(equal), layer(new Criterion.Magnitude(), new Amount.Count(2)));
        assertEquals(Nd4j.createFromArray(0f, 0f, 1f, 1f), equal);

        INDArray channels = Nd4j.createFromArray(new float[][] {{1, 2}, {2, 1}, {2, 1}});
        Pruner.prune(ModelHandle.of(channels), layer(new Criterion.Structured(1, OptionalInt.empty()), new Amount.Count(2)));
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0}, {0, 0}, {2, 1}}), channels);

        INDArray group = Nd4j.createFromArray(new float[][] {{3, -3, 3, 1}});
        Pruner.prune(ModelHandle.of(group), layer(new Criterion.NofM(2, 4), new Amount.Fraction(0)));
        assertEquals(Nd4j.createFromArray(new float[][] {{3, -3, 0, 0}}), group);
    }

    @Test
    void structuredAlongDimOnePrunesColumns() {
        INDArray weights = Nd4j.createFromArray(new float[][] {{1, 9, 2, 8}, {-1, 9, -2, 8}});
        PruneReport report = Pruner.prune(ModelHandle.of(weights),
                layer(new Criterion.Structured(2, OptionalInt.of(1)), new Amount.Fraction(0.5)));
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 9, 0, 8}, {0, 9, 0, 8}}), weights);
        assertEquals((float) Math.sqrt(8), report.tensors().get(0).threshold().getAsDouble(), 1e-6);

        INDArray same = Nd4j.createFromArray(new float[][] {{1, 9, 2, 8}, {-1, 9, -2, 8}});
        Pruner.prune(ModelHandle.of(same), layer(new Criterion.Structured(2, OptionalInt.of(-1)), new Amount.Fraction(0.5)));
        Bitwise.assertIdentical(weights, same);
    }

    @Test
    void structuredRequestsOutsideTheTensorAreRefused() {
        ModelHandle matrix = ModelHandle.of(Nd4j.ones(DataType.FLOAT, 2, 3));
        assertEquals("dim 2 is out of range for tensor of rank 2; allowed: -2 to 1", assertThrows(Slim4jException.class,
                () -> Pruner.prune(matrix, layer(new Criterion.Structured(1, OptionalInt.of(2)), new Amount.Fraction(0.5))))
                .getMessage());
        ModelHandle net = ModelHandle.of(TestNetworks.mlp());
        Selection everything = new Selection(Optional.empty(), Optional.empty(), TensorKinds.ALL);
        assertEquals("structured pruning needs a tensor of rank 2 or more; 0_b has rank 1", assertThrows(Slim4jException.class,
                () -> Pruner.prune(net, new PruneSpec(new Criterion.Structured(1, OptionalInt.empty()), new Amount.Fraction(0.5),
                        Scope.LAYER, everything))).getMessage());
        assertTrue(Masks.of(net).isEmpty());
    }

    @Test
    void nOfMPatternsAreChecked() {
        assertEquals("N:M sparsity needs 1 <= N < M, got 4:4",
                assertThrows(Slim4jException.class, () -> new Criterion.NofM(4, 4)).getMessage());
        assertEquals("N:M sparsity needs 1 <= N < M, got 3:2",
                assertThrows(Slim4jException.class, () -> Criterion.NofM.parse("3:2")).getMessage());
        ModelHandle odd = ModelHandle.of(Nd4j.ones(DataType.FLOAT, 8, 6));
        assertEquals("2:4 sparsity groups 4 weights along the input axis, but tensor has 6 there (axis 1); "
                        + "the size must be a multiple of 4",
                assertThrows(Slim4jException.class, () -> Pruner.prune(odd, layer(new Criterion.NofM(2, 4), new Amount.Fraction(0))))
                        .getMessage());
    }

    /** DL4J keeps a dense layer's W as [nIn, nOut]: inputs run along axis 0, outputs along axis 1. */
    @Test
    void dl4jDenseWeightsArePrunedAlongTheirOwnAxes() {
        MultiLayerNetwork net = TestNetworks.mlp();
        Selection hidden = new Selection(Optional.of(Pattern.compile("0")), Optional.empty(), TensorKinds.WEIGHTS);
        Pruner.prune(ModelHandle.of(net), new PruneSpec(new Criterion.NofM(2, 4), new Amount.Fraction(0), Scope.LAYER, hidden));
        INDArray w = net.getParam("0_W");
        for (int out = 0; out < 32; out++) {
            for (int in = 0; in < 784; in += 4) {
                INDArray group = w.get(NDArrayIndex.interval(in, in + 4), NDArrayIndex.point(out));
                assertEquals(2, group.neq(0).castTo(DataType.INT).sumNumber().intValue(), "group " + in + " of output " + out);
            }
        }
        Mask mask = Masks.of(ModelHandle.of(net)).get("0_W");
        for (int i = 0; i < 784 * 32; i++) {
            assertEquals(mask.isKept(i), w.getFloat(i % 784, i / 784) != 0, "storage index " + i);
        }

        MultiLayerNetwork structured = TestNetworks.mlp();
        Pruner.prune(ModelHandle.of(structured), new PruneSpec(new Criterion.Structured(2, OptionalInt.empty()),
                new Amount.Fraction(0.25), Scope.LAYER, hidden));
        INDArray sw = structured.getParam("0_W");
        long zeroColumns = 0;
        for (int out = 0; out < 32; out++) {
            double column = sw.getColumn(out).norm1Number().doubleValue();
            zeroColumns += column == 0 ? 1 : 0;
        }
        assertEquals(8, zeroColumns);
        for (int in = 0; in < 784; in++) {
            assertTrue(sw.getRow(in).norm1Number().doubleValue() > 0);
        }
    }

    @Test
    void aSecondPruneComposesWithTheFirst() {
        ModelHandle model = ModelHandle.of(TestNetworks.mlp());
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
        Map<String, Mask> half = Masks.of(model);
        PruneReport report = Pruner.prune(model, layer(new Criterion.Random(9), new Amount.Fraction(0.7)));
        Map<String, Mask> more = Masks.of(model);
        for (String name : List.of("0_W", "1_W")) {
            for (long i = 0; i < half.get(name).size(); i++) {
                assertTrue(half.get(name).isKept(i) || !more.get(name).isKept(i), name + " entry " + i);
            }
            assertEquals(Math.rint(0.7 * half.get(name).size()), more.get(name).pruned());
        }
        assertEquals(List.of(half.get("0_W").pruned(), half.get("1_W").pruned()),
                report.tensors().stream().map(TensorPruning::prunedBefore).toList());
    }

    @Test
    void pruningAgainToTheSameAmountChangesNothing() {
        for (Criterion criterion : List.of(new Criterion.Magnitude(), new Criterion.Random(1),
                new Criterion.Structured(1, OptionalInt.empty()), new Criterion.NofM(1, 2))) {
            ModelHandle model = ModelHandle.of(TestNetworks.mlp());
            Pruner.prune(model, layer(criterion, new Amount.Fraction(0.6)));
            INDArray params = ((MultiLayerNetwork) model.unwrap()).params().dup();
            Map<String, Mask> masks = Masks.of(model);

            Criterion again = criterion instanceof Criterion.Random ? new Criterion.Random(2) : criterion;
            PruneReport report = Pruner.prune(model, layer(again, new Amount.Fraction(0.6)));

            assertEquals(masks, Masks.of(model), criterion::toString);
            Bitwise.assertIdentical(params, ((MultiLayerNetwork) model.unwrap()).params(), criterion.toString());
            report.tensors().forEach(row -> {
                assertEquals(row.prunedBefore(), row.prunedAfter());
                assertEquals(OptionalDouble.empty(), row.threshold());
            });
        }
    }

    @Test
    void aRequestThatFailsOnTheSecondTensorLeavesTheFirstUntouched() {
        MultiLayerNetwork net = TestNetworks.mlp();
        INDArray before = net.params().dup();
        ModelHandle model = ModelHandle.of(net);
        // 784 inputs split into groups of 7, the output layer's 32 do not.
        assertThrows(Slim4jException.class, () -> Pruner.prune(model, layer(new Criterion.NofM(2, 7), new Amount.Fraction(0))));
        assertThrows(Slim4jException.class, () -> Pruner.prune(model,
                amounts("0_W", new Amount.Fraction(0.5), "1_W", new Amount.Count(321)), new Criterion.Magnitude()));
        Bitwise.assertIdentical(before, net.params());
        assertTrue(Masks.of(model).isEmpty());
        assertTrue(net.getListeners().isEmpty());
    }

    @Test
    void perTensorAmountsPruneOnlyTheNamedTensors() {
        ModelHandle model = ModelHandle.of(TestNetworks.mlp());
        PruneReport report = Pruner.prune(model, amounts("1_W", new Amount.Fraction(0.3), "0_b", new Amount.Count(4)),
                new Criterion.Magnitude());
        assertEquals(List.of("0_b", "1_W"), report.tensors().stream().map(TensorPruning::tensor).toList());
        assertEquals(List.of(4L, 96L), report.tensors().stream().map(TensorPruning::prunedAfter).toList());
        assertEquals(List.of("0_b", "1_W"), List.copyOf(Masks.of(model).keySet()));
        assertEquals("the model has no tensor named '2_W'; tensors are 0_W, 0_b, 1_W, 1_b", assertThrows(Slim4jException.class,
                () -> Pruner.prune(model, amounts("2_W", new Amount.Fraction(0.3)), new Criterion.Magnitude())).getMessage());
    }

    @Test
    void selectionsThatLeaveNothingSaySo() {
        ModelHandle net = ModelHandle.of(TestNetworks.mlp());
        assertEquals("layers pattern 'conv.*' matches no layer with weights; layers are 0, 1", assertThrows(Slim4jException.class,
                () -> select(Optional.of("conv.*"), Optional.empty()).apply(net)).getMessage());
        assertEquals("exclude pattern '[01]' leaves no layer with weights; it would exclude all of 1", assertThrows(
                Slim4jException.class, () -> select(Optional.of("1"), Optional.of("[01]")).apply(net)).getMessage());
        assertEquals(List.of("1_W"), select(Optional.empty(), Optional.of("0")).apply(net).stream()
                .map(t -> t.qualifiedName()).toList());
        ModelHandle biases = ModelHandle.of(tensors("fc.bias", Nd4j.ones(3)));
        assertEquals("the model has no weights to work on: it has only biases and normalization parameters, which are taken "
                + "only when asked for (fc.bias)", assertThrows(Slim4jException.class, () -> Selection.weights().apply(biases)).getMessage());
    }

    @Test
    void randomPruningIsSeededAndThresholdless() {
        INDArray a = Nd4j.linspace(DataType.FLOAT, 1, 100, 100);
        INDArray b = a.dup();
        PruneReport report = Pruner.prune(ModelHandle.of(a), layer(new Criterion.Random(5), new Amount.Fraction(0.3)));
        Pruner.prune(ModelHandle.of(b), layer(new Criterion.Random(5), new Amount.Fraction(0.3)));
        assertEquals(a, b);
        assertEquals(30, report.prunedAfter());
        assertEquals(OptionalDouble.empty(), report.tensors().get(0).threshold());
        INDArray c = Nd4j.linspace(DataType.FLOAT, 1, 100, 100);
        Pruner.prune(ModelHandle.of(c), layer(new Criterion.Random(6), new Amount.Fraction(0.3)));
        assertFalse(a.equals(c));
    }

    @Test
    void nanCountsAsTheLargestMagnitude() {
        INDArray weights = Nd4j.createFromArray(Float.NaN, 1f, Float.POSITIVE_INFINITY, -2f);
        Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Count(3)));
        float[] values = weights.toFloatVector();
        assertTrue(Float.isNaN(values[0]));
        assertEquals(List.of(0f, 0f, 0f), List.of(values[1], values[2], values[3]));
    }

    @Test
    void aStridedViewIsPrunedInPlaceWithoutTouchingTheRest() {
        INDArray whole = Nd4j.createFromArray(new float[][] {{1, 5, 9}, {2, 6, 10}, {3, 7, 11}});
        INDArray view = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        Map<String, INDArray> model = tensors("fc.weight", view);
        PruneReport report = Pruner.prune(ModelHandle.of(model), layer(new Criterion.Magnitude(), new Amount.Count(2)));
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0, 9}, {2, 0, 10}, {3, 7, 11}}), whole);
        assertEquals(2, report.prunedAfter());
    }

    @Test
    void otherDtypesArePrunedInTheirOwnType() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.HALF, DataType.INT)) {
            INDArray weights = Nd4j.createFromArray(4f, -1f, 3f, 2f).castTo(type);
            Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
            assertEquals(Nd4j.createFromArray(4f, 0f, 3f, 0f).castTo(type), weights, type::toString);
            assertEquals(type, weights.dataType());
        }
        assertEquals("cannot prune tensor: its dtype bool is not numeric", assertThrows(Slim4jException.class,
                () -> Pruner.prune(ModelHandle.of(Nd4j.createFromArray(true, false)),
                        layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)))).getMessage());
    }

    @Test
    void emptyTensorsPruneToNothing() {
        for (Criterion criterion : List.of(new Criterion.Magnitude(), new Criterion.Random(1),
                new Criterion.Structured(2, OptionalInt.empty()), new Criterion.NofM(2, 4))) {
            INDArray empty = Nd4j.create(DataType.FLOAT, 0, 8);
            PruneReport report = Pruner.prune(ModelHandle.of(empty), layer(criterion, new Amount.Fraction(0.5)));
            assertEquals(new TensorPruning("tensor", "tensor", 0, 0, 0, OptionalDouble.empty()), report.tensors().get(0));
        }
    }

    @Test
    void tensorModelsReportTheirZerosAsPruned() {
        INDArray weights = Nd4j.createFromArray(0f, 0f, 0f, 1f, 2f, 3f, 4f, 5f);
        PruneReport report = Pruner.prune(ModelHandle.of(weights), layer(new Criterion.Magnitude(), new Amount.Fraction(0.25)));
        assertEquals(new TensorPruning("tensor", "tensor", 8, 3, 3, OptionalDouble.empty()), report.tensors().get(0));
        assertEquals(Nd4j.createFromArray(0f, 0f, 0f, 1f, 2f, 3f, 4f, 5f), weights);
    }

    private static long prunedCount(int numel, double fraction) {
        return Pruner.prune(ModelHandle.of(PyTorchReferenceTest.shuffledOneTo(numel)),
                layer(new Criterion.Magnitude(), new Amount.Fraction(fraction))).prunedAfter();
    }

    private static Selection select(Optional<String> layers, Optional<String> exclude) {
        return new Selection(layers.map(Pattern::compile), exclude.map(Pattern::compile), TensorKinds.WEIGHTS);
    }

    static Map<String, INDArray> tensors(String name, INDArray values, Object... more) {
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put(name, values);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], (INDArray) more[i + 1]);
        }
        return map;
    }

    static Map<String, Amount> amounts(String name, Amount amount, Object... more) {
        Map<String, Amount> map = new LinkedHashMap<>();
        map.put(name, amount);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], (Amount) more[i + 1]);
        }
        return map;
    }
}
