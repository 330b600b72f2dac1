package io.github.slim4j.core.prune;

import static io.github.slim4j.core.prune.PyTorchReferenceTest.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.NetworkListeners;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class MasksTest {

    @Test
    void prunedEntriesStayZeroThroughNetFit() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.8)));
        INDArray before = net.params().dup();

        net.fit(fashion());

        assertNotEquals(before, net.params());
        assertPrunedAreZero(model);
    }

    @Test
    void prunedEntriesStayZeroThroughTheTrainer() {
        ComputationGraph graph = TestNetworks.graph();
        ModelHandle model = ModelHandle.of(graph);
        Pruner.prune(model, layer(new Criterion.Structured(2, OptionalInt.empty()), new Amount.Fraction(0.5)));
        INDArray before = graph.params().dup();

        Trainer.fit(model, fashion(), 1, ProgressListener.NONE);

        assertNotEquals(before, graph.params());
        assertPrunedAreZero(model);
    }

    @Test
    void aDeepCopyHasMasksOfItsOwn() {
        for (Model network : List.<Model>of(TestNetworks.mlp(), TestNetworks.graph())) {
            ModelHandle original = ModelHandle.of(network);
            Pruner.prune(original, layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
            Map<String, Mask> originalMasks = Masks.of(original);
            INDArray originalParams = network.params().dup();

            ModelHandle copy = original.deepCopy();
            assertEquals(originalMasks, Masks.of(copy));
            Pruner.prune(copy, layer(new Criterion.Magnitude(), new Amount.Fraction(0.9)));
            Trainer.fit(copy, fashion(), 1, ProgressListener.NONE);

            assertEquals(originalMasks, Masks.of(original), network.getClass().getSimpleName());
            Bitwise.assertIdentical(originalParams, network.params());
            assertEquals(1, NetworkListeners.of(network).size());
            assertEquals(1, NetworkListeners.of((Model) copy.unwrap()).size());
            Masks.of(copy).values().forEach(mask -> assertEquals(Math.rint(0.9 * mask.size()), mask.pruned()));
            assertPrunedAreZero(copy);
        }
    }

    /** DL4J's ComputationGraph.clone() shares the listener collection; the copy must not. */
    @Test
    void aGraphCopysListenersAreItsOwn() {
        ComputationGraph graph = TestNetworks.graph();
        ScoreIterationListener score = new ScoreIterationListener(100);
        graph.setListeners(score);
        ComputationGraph copy = (ComputationGraph) ModelHandle.of(graph).deepCopy().unwrap();
        copy.setListeners(List.of());
        assertEquals(List.of(score), List.copyOf(graph.getListeners()));
    }

    @Test
    void removingMasksLetsTrainingGrowEntriesBack() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
        long zeros = zeros(net.getParam("0_W"));

        Masks.remove(model);
        assertTrue(Masks.of(model).isEmpty());
        assertEquals(zeros, zeros(net.getParam("0_W")));
        net.fit(fashion());
        assertTrue(zeros(net.getParam("0_W")) < zeros / 2);
        Masks.remove(model);
        Masks.remove(ModelHandle.of(Nd4j.ones(3)));
    }

    @Test
    void restoringEarlierMasksUndoesLaterPrunes() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.3)));
        Map<String, Mask> saved = Masks.of(model);
        INDArray weights = net.params().dup();
        Pruner.prune(model, layer(new Criterion.Magnitude(), new Amount.Fraction(0.9)));

        net.setParams(weights);
        Masks.restore(model, saved);

        assertEquals(saved, Masks.of(model));
        Bitwise.assertIdentical(weights, net.params());
        Masks.restore(model, Map.of());
        assertTrue(Masks.of(model).isEmpty());
        assertTrue(net.getListeners().isEmpty());
        assertEquals("cannot restore the mask of 9_W (320 entries): the model has no such tensor",
                assertThrows(Slim4jException.class, () -> Masks.restore(model, Map.of("9_W", saved.get("1_W")))).getMessage());
    }

    @Test
    void tensorModelsKeepNoMasks() {
        ModelHandle tensor = ModelHandle.of(Nd4j.createFromArray(1f, 2f, 3f));
        Pruner.prune(tensor, layer(new Criterion.Magnitude(), new Amount.Fraction(0.5)));
        assertTrue(Masks.of(tensor).isEmpty());
        assertFalse(Masks.of(ModelHandle.of(TestNetworks.mlp())).containsKey("0_W"));
    }

    private static void assertPrunedAreZero(ModelHandle model) {
        Map<String, Mask> masks = Masks.of(model);
        assertFalse(masks.isEmpty());
        for (ParamTensor tensor : model.parameters()) {
            Mask mask = masks.get(tensor.qualifiedName());
            if (mask != null) {
                INDArray values = tensor.values();
                float[] inStorageOrder = Nd4j.toFlattened(values.ordering(), values).toFloatVector();
                for (int i = 0; i < mask.size(); i++) {
                    if (!mask.isKept(i)) {
                        assertEquals(0f, inStorageOrder[i], tensor.qualifiedName() + " entry " + i);
                    }
                }
                assertTrue(mask.pruned() > 0);
            }
        }
    }

    private static long zeros(INDArray values) {
        return values.eq(0).castTo(DataType.INT).sumNumber().longValue();
    }

    /** Four batches of real images. */
    private static DataSetIterator fashion() {
        return FashionMnist.train().subset(200).seed(3).batchSize(50).iterator();
    }
}
