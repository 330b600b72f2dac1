package io.github.slim4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class ModelEvaluatorTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void matchesDl4jsOwnEvaluationAndLossWithoutChangingTheNetwork() {
        MultiLayerNetwork net = TestNetworks.mlp();
        AtomicInteger listenerCalls = new AtomicInteger();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                listenerCalls.incrementAndGet();
            }

            @Override
            public void onForwardPass(Model model, List<INDArray> activations) {
                listenerCalls.incrementAndGet();
            }
        });
        INDArray before = net.params().dup();
        DataSetIterator data = FashionMnist.test().subset(300).batchSize(64).iterator();
        List<String> details = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();

        EvaluationResult result = ModelEvaluator.evaluate(ModelHandle.of(net), data, (done, total, detail) -> {
            counts.add(new long[] {done, total});
            details.add(detail);
        });

        assertEquals(300, result.examples());
        assertEquals(300, result.expectedExamples());
        assertEquals(10, result.classes());
        assertTrue(result.complete());
        assertEquals(net.evaluate(rewound(data)).accuracy(), result.accuracy(), 1e-12);
        assertTrue(result.top5Accuracy().isPresent());
        assertTrue(result.top5Accuracy().getAsDouble() >= result.accuracy());
        DataSet all = FashionMnist.test().subset(300).batchSize(300).iterator().next();
        assertEquals(net.score(all), result.loss(), 1e-4);
        Bitwise.assertIdentical(before, net.params());
        assertEquals(0, listenerCalls.get());
        assertEquals(5, details.size());
        assertEquals(List.of(1L, 5L), List.of(counts.get(0)[0], counts.get(0)[1]));
        assertEquals(List.of(5L, 5L), List.of(counts.get(4)[0], counts.get(4)[1]));
        assertTrue(details.get(4).matches("batch 5/5, loss \\d\\.\\d\\d"), details.get(4));
        assertTrue(result.inferenceSeconds() >= 0);
    }

    @Test
    void rewindsTheIteratorFirst() {
        DataSetIterator data = TestData.random(50, 784, 10, 20);
        data.next();
        EvaluationResult result = ModelEvaluator.evaluate(ModelHandle.of(TestNetworks.mlp()), data, ProgressListener.NONE);
        assertEquals(50, result.examples());
        assertEquals(-1, result.expectedExamples());
    }

    @Test
    void fewClassesHaveNoTop5() {
        MultiLayerNetwork net = TestNetworks.namedWithBatchNorm();
        EvaluationResult result = ModelEvaluator.evaluate(ModelHandle.of(net), TestData.random(40, 4, 2, 16), ProgressListener.NONE);
        assertEquals(2, result.classes());
        assertTrue(result.top5Accuracy().isEmpty());
        assertTrue(result.accuracy() >= 0 && result.accuracy() <= 1);
    }

    @Test
    void computationGraphsEvaluateToo() {
        EvaluationResult result = ModelEvaluator.evaluate(ModelHandle.of(TestNetworks.graph()),
                TestData.random(30, 784, 10, 8), ProgressListener.NONE);
        assertEquals(30, result.examples());
        assertTrue(result.complete());
    }

    @Test
    void interruptStopsBetweenBatchesWithThePartialResult() {
        DataSetIterator data = TestData.random(100, 784, 10, 10);
        ProgressListener interruptAfterTwo = (done, total, detail) -> {
            if (done == 2) {
                Thread.currentThread().interrupt();
            }
        };

        EvaluationResult result = ModelEvaluator.evaluate(ModelHandle.of(TestNetworks.mlp()), data, interruptAfterTwo);

        assertFalse(result.complete());
        assertEquals(20, result.examples());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
    }

    @Test
    void emptyIteratorIsAnError() {
        DataSetIterator empty = new ExistingDataSetIterator(List.<DataSet>of());
        assertEquals("the data iterator has no examples", assertThrows(Slim4jException.class,
                () -> ModelEvaluator.evaluate(ModelHandle.of(TestNetworks.mlp()), empty, ProgressListener.NONE)).getMessage());
    }

    @Test
    void mismatchedWidthsSayWhichNumbersDiffer() {
        ModelHandle model = ModelHandle.of(TestNetworks.mlp());
        assertEquals("the data's features have 100 columns but the network's first layer expects nIn=784",
                assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(model,
                        TestData.random(10, 100, 10, 5), ProgressListener.NONE)).getMessage());
        assertEquals("the data's labels have 5 columns but the network's output layer has nOut=10",
                assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(model,
                        TestData.random(10, 784, 5, 5), ProgressListener.NONE)).getMessage());
        assertEquals("the data's features have 100 columns but the network's first layer expects nIn=784",
                assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(ModelHandle.of(TestNetworks.graph()),
                        TestData.random(10, 100, 10, 5), ProgressListener.NONE)).getMessage());
    }

    @Test
    void dl4jsOwnFailuresBecomeOneLine() {
        // Images where the dense network wants rows: no width to compare, so DL4J itself fails.
        DataSet images = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28), Nd4j.zeros(DataType.FLOAT, 4, 10));
        Slim4jException e = assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(
                ModelHandle.of(TestNetworks.mlp()), new ExistingDataSetIterator(List.of(images)), ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("evaluation failed on this data: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void tensorsCannotBeEvaluated() {
        assertEquals("evaluation needs a DL4J network (MultiLayerNetwork or ComputationGraph), not a Map<String, INDArray>",
                assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(
                        ModelHandle.of(Map.of("fc.weight", Nd4j.ones(2))), TestData.random(4, 2, 2, 2),
                        ProgressListener.NONE)).getMessage());
        assertEquals("evaluation needs a DL4J network (MultiLayerNetwork or ComputationGraph), not an INDArray",
                assertThrows(Slim4jException.class, () -> ModelEvaluator.evaluate(
                        ModelHandle.of(Nd4j.ones(2)), TestData.random(4, 2, 2, 2), ProgressListener.NONE)).getMessage());
    }

    private static DataSetIterator rewound(DataSetIterator data) {
        data.reset();
        return data;
    }
}
