package io.github.slim4j.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class NetworkTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void declaredWidthsOfBothNetworkTypes() {
        Network mlp = Network.of(ModelHandle.of(TestNetworks.mlp()), "test");
        assertEquals(OptionalLong.of(784), mlp.inputWidth());
        assertEquals(OptionalLong.of(10), mlp.outputWidth());
        Network graph = Network.of(ModelHandle.of(TestNetworks.graph()), "test");
        assertEquals(OptionalLong.of(784), graph.inputWidth());
        assertEquals(OptionalLong.of(10), graph.outputWidth());
    }

    @Test
    void graphsNeedOneInputAndOneOutput() {
        ComputationGraph twoOutputs = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).build(), "in")
                .addLayer("a", new OutputLayer.Builder().nIn(3).nOut(2).build(), "hidden")
                .addLayer("b", new OutputLayer.Builder().nIn(3).nOut(2).build(), "hidden")
                .setOutputs("a", "b")
                .build());
        twoOutputs.init();
        assertEquals("evaluation needs a ComputationGraph with one input and one output; this one has inputs [in]"
                        + " and outputs [a, b]",
                assertThrows(Slim4jException.class, () -> Network.of(ModelHandle.of(twoOutputs), "evaluation")).getMessage());
    }

    @Test
    void failuresBecomeOneBoundedLineKeepingTheCause() {
        IllegalStateException multiLine = new IllegalStateException("shapes differ\n  at op matmul\n  [1, 2, 3]");
        Slim4jException e = assertThrows(Slim4jException.class, () -> Dl4jFailures.run("training", () -> {
            throw multiLine;
        }));
        assertEquals("training failed on this data: shapes differ", e.getMessage());
        assertSame(multiLine, e.getCause());

        String longMessage = "x".repeat(1000);
        String truncated = assertThrows(Slim4jException.class, () -> Dl4jFailures.run("training", () -> {
            throw new IllegalArgumentException(longMessage);
        })).getMessage();
        assertEquals("training failed on this data: " + "x".repeat(300) + "...", truncated);

        assertEquals("training failed on this data: NullPointerException",
                assertThrows(Slim4jException.class, () -> Dl4jFailures.run("training", () -> {
                    throw new NullPointerException();
                })).getMessage());

        Slim4jException ours = new Slim4jException("already clear");
        assertSame(ours, assertThrows(Slim4jException.class, () -> Dl4jFailures.run("training", () -> {
            throw ours;
        })));
    }

    @Test
    void startRewindsOrExplainsWhyThereIsNothing() {
        DataSetIterator data = TestData.random(10, 3, 2, 5);
        data.next();
        data.next();
        BatchLoop.start(data);
        assertTrue(data.hasNext());

        DataSetIterator once = new ExistingDataSetIterator(TestData.random(5, 3, 2, 5));
        once.next();
        assertEquals("the data iterator has no examples left, and it cannot reset; make a new one",
                assertThrows(Slim4jException.class, () -> BatchLoop.start(once)).getMessage());
    }

    @Test
    void anInterruptBeforeABatchStopsThePass() {
        DataSetIterator data = TestData.random(10, 3, 2, 5);
        List<DataSet> seen = new ArrayList<>();
        Thread.currentThread().interrupt();
        assertFalse(BatchLoop.run(data, seen::add));
        assertTrue(seen.isEmpty());
        assertTrue(Thread.currentThread().isInterrupted());

        Thread.interrupted();
        assertTrue(BatchLoop.run(data, seen::add));
        assertEquals(2, seen.size());
    }

    @Test
    void aMaximumStopsThePassAfterThatManyBatches() {
        DataSetIterator data = TestData.random(20, 3, 2, 5);
        List<DataSet> seen = new ArrayList<>();
        assertTrue(BatchLoop.run(data, 3, seen::add));
        assertEquals(3, seen.size());
        assertTrue(data.hasNext());
    }

    @Test
    void sizesComeFromSizedIteratorsOnly() {
        DataSetIterator unsized = TestData.random(10, 3, 2, 5);
        assertEquals(-1, BatchLoop.batchesPerPass(unsized));
        assertEquals(-1, BatchLoop.examplesPerPass(unsized));
        DataSetIterator sized = io.github.slim4j.core.data.FashionMnist.test().subset(130).batchSize(64).iterator();
        assertEquals(3, BatchLoop.batchesPerPass(sized));
        assertEquals(130, BatchLoop.examplesPerPass(sized));
    }
}
