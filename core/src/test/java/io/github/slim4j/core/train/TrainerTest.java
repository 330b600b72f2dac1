package io.github.slim4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void twoEpochsOnFiveHundredExamplesLearnWellAboveChance() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        DataSetIterator train = FashionMnist.train().subset(500).batchSize(25).iterator();
        List<String> details = new ArrayList<>();
        List<Long> totals = new ArrayList<>();

        TrainingResult result = Trainer.fit(model, train, 2, (done, total, detail) -> {
            details.add(detail);
            totals.add(total);
        });

        assertEquals(2, result.epochsCompleted());
        assertEquals(2, result.epochsRequested());
        assertEquals(40, result.batches());
        assertTrue(result.complete());
        assertTrue(Double.isFinite(result.lastLoss()) && result.lastLoss() > 0, () -> "loss " + result.lastLoss());
        assertEquals(40, details.size());
        assertTrue(totals.stream().allMatch(t -> t == 40));
        assertTrue(details.get(0).startsWith("epoch 1/2, batch 1/20, loss "), details.get(0));
        assertTrue(details.get(39).startsWith("epoch 2/2, batch 20/20, loss "), details.get(39));

        EvaluationResult eval = ModelEvaluator.evaluate(model, FashionMnist.test().subset(1000).batchSize(250).iterator(),
                ProgressListener.NONE);
        assertTrue(eval.accuracy() > 0.5, () -> "accuracy " + eval.accuracy());
        assertTrue(eval.top5Accuracy().getAsDouble() > 0.9, () -> "top-5 " + eval.top5Accuracy());
    }

    @Test
    void interruptStopsAfterTheCurrentBatchKeepingItsWeights() {
        MultiLayerNetwork net = TestNetworks.mlp();
        INDArray initial = net.params().dup();
        List<INDArray> afterSecond = new ArrayList<>();
        ProgressListener interruptAfterTwo = (done, total, detail) -> {
            if (done == 2) {
                afterSecond.add(net.params().dup());
                Thread.currentThread().interrupt();
            }
        };

        TrainingResult result = Trainer.fit(ModelHandle.of(net), TestData.random(200, 784, 10, 10), 3, interruptAfterTwo);

        assertFalse(result.complete());
        assertEquals(2, result.batches());
        assertEquals(0, result.epochsCompleted());
        assertEquals(3, result.epochsRequested());
        assertTrue(Thread.currentThread().isInterrupted());
        assertNotEquals(initial, net.params());
        Bitwise.assertIdentical(afterSecond.get(0), net.params());
    }

    @Test
    void interruptAtAnEpochsEndCountsThatEpoch() {
        ProgressListener interruptAtEndOfFirst = (done, total, detail) -> {
            if (done == 4) {
                Thread.currentThread().interrupt();
            }
        };
        TrainingResult result = Trainer.fit(ModelHandle.of(TestNetworks.mlp()), TestData.random(40, 784, 10, 10), 2,
                interruptAtEndOfFirst);
        assertEquals(1, result.epochsCompleted());
        assertEquals(4, result.batches());
        assertFalse(result.complete());
    }

    @Test
    void computationGraphsTrainToo() {
        ComputationGraph graph = TestNetworks.graph();
        INDArray before = graph.params().dup();
        List<Long> totals = new ArrayList<>();
        TrainingResult result = Trainer.fit(ModelHandle.of(graph), TestData.random(30, 784, 10, 10), 2,
                (done, total, detail) -> totals.add(total));
        assertEquals(6, result.batches());
        assertTrue(result.complete());
        assertNotEquals(before, graph.params());
        // The iterator does not say its size; after the first epoch the total is known.
        assertEquals(List.of(-1L, -1L, -1L, 6L, 6L, 6L), totals);
    }

    @Test
    void aFailureMidwayPutsBackWeightsUpdaterStateAndCounters() {
        MultiLayerNetwork net = TestNetworks.mlp();
        Trainer.fit(ModelHandle.of(net), TestData.random(20, 784, 10, 10), 1, ProgressListener.NONE);
        INDArray weights = net.params().dup();
        INDArray updater = net.getUpdater().getStateViewArray().dup();
        int iterations = net.getIterationCount();
        List<DataSet> batches = new ArrayList<>(TestData.random(20, 784, 10, 10).next(20).batchBy(10));
        batches.add(TestData.random(10, 100, 10, 10).next());
        Slim4jException error = assertThrows(Slim4jException.class,
                () -> Trainer.fit(ModelHandle.of(net), new ExistingDataSetIterator(batches), 1, ProgressListener.NONE));
        assertTrue(error.getMessage().contains("100 columns"), error.getMessage());
        Bitwise.assertIdentical(weights, net.params());
        assertEquals(updater, net.getUpdater().getStateViewArray());
        assertEquals(iterations, net.getIterationCount());
    }

    @Test
    void aGraphFailureIsUndoneToo() {
        ComputationGraph graph = TestNetworks.graph();
        INDArray before = graph.params().dup();
        List<DataSet> batches = new ArrayList<>(TestData.random(20, 784, 10, 10).next(20).batchBy(10));
        batches.add(TestData.random(10, 100, 10, 10).next());
        assertThrows(Slim4jException.class,
                () -> Trainer.fit(ModelHandle.of(graph), new ExistingDataSetIterator(batches), 1, ProgressListener.NONE));
        Bitwise.assertIdentical(before, graph.params());
        assertEquals(0, graph.getIterationCount());
    }

    @Test
    void badRequestsAreNamed() {
        ModelHandle model = ModelHandle.of(TestNetworks.mlp());
        assertEquals("epochs must be at least 1, got 0", assertThrows(Slim4jException.class,
                () -> Trainer.fit(model, TestData.random(10, 784, 10, 5), 0, ProgressListener.NONE)).getMessage());
        assertEquals("training needs a DL4J network (MultiLayerNetwork or ComputationGraph), not a Map<String, INDArray>",
                assertThrows(Slim4jException.class, () -> Trainer.fit(ModelHandle.of(Map.of("w", Nd4j.ones(2))),
                        TestData.random(10, 784, 10, 5), 1, ProgressListener.NONE)).getMessage());
        assertEquals("the data's features have 100 columns but the network's first layer expects nIn=784",
                assertThrows(Slim4jException.class, () -> Trainer.fit(model, TestData.random(10, 100, 10, 5), 1,
                        ProgressListener.NONE)).getMessage());
        DataSetIterator once = new ExistingDataSetIterator(TestData.random(10, 784, 10, 5));
        assertEquals("training passes over the data 2 times, so it needs a data iterator that can reset; ExistingDataSetIterator cannot",
                assertThrows(Slim4jException.class, () -> Trainer.fit(model, once, 2, ProgressListener.NONE)).getMessage());
    }
}
