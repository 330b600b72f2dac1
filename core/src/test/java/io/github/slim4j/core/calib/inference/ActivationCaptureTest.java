package io.github.slim4j.core.calib.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ActivationCaptureTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void everyPointOfEveryBatchIsWhatFeedForwardGives() {
        MultiLayerNetwork net = InferenceNetworks.cnn();
        DataSetIterator data = TestData.random(30, 64, 10, 8);
        List<String> seen = new ArrayList<>();
        List<INDArray> captured = new ArrayList<>();

        CaptureResult result = ActivationCapture.run(ModelHandle.of(net), data, ActivationCapture.ALL_BATCHES, (point, values) -> {
            seen.add(point);
            captured.add(values.dup());
        }, ProgressListener.NONE);

        assertEquals(new CaptureResult(4, 30, true), result);
        List<String> names = List.of("input", "conv", "pool", "fc", "out");
        data.reset();
        int at = 0;
        for (int batch = 0; batch < 4; batch++) {
            List<INDArray> expected = net.feedForward(data.next().getFeatures(), false);
            for (int point = 0; point < names.size(); point++, at++) {
                assertEquals(names.get(point), seen.get(at));
                assertEquals(expected.get(point), captured.get(at), names.get(point) + " of batch " + batch);
            }
        }
        assertEquals(at, seen.size());
    }

    @Test
    void progressCountsBatchesUpToTheMaximum() {
        List<String> reports = new ArrayList<>();

        CaptureResult result = ActivationCapture.run(ModelHandle.of(TestNetworks.mlp()), TestData.random(50, 784, 10, 10), 3,
                (point, values) -> { }, (done, total, detail) -> reports.add(done + "/" + total + " " + detail));

        assertEquals(new CaptureResult(3, 30, true), result);
        assertEquals(List.of("1/3 batch 1/3", "2/3 batch 2/3", "3/3 batch 3/3"), reports);
    }

    @Test
    void anInterruptStopsBetweenBatchesAndSaysHowFarItGot() {
        int[] batches = {0};

        CaptureResult result = ActivationCapture.run(ModelHandle.of(TestNetworks.mlp()), TestData.random(50, 784, 10, 10),
                ActivationCapture.ALL_BATCHES, (point, values) -> {
                    if (point.equals("input") && ++batches[0] == 2) {
                        Thread.currentThread().interrupt();
                    }
                }, ProgressListener.NONE);

        assertEquals(new CaptureResult(2, 20, false), result);
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void badInputIsOneLineError() {
        ModelHandle mlp = ModelHandle.of(TestNetworks.mlp());
        assertError("the data iterator has no examples",
                () -> ActivationCapture.run(mlp, new ListDataSetIterator<>(List.<DataSet>of(), 10), 5, (p, v) -> { }, ProgressListener.NONE));
        assertError("maxBatches must be 1 or more, got 0",
                () -> ActivationCapture.run(mlp, TestData.random(10, 784, 10, 5), 0, (p, v) -> { }, ProgressListener.NONE));
        assertError("the data's features have 5 columns but the network's first layer expects nIn=784",
                () -> ActivationCapture.run(mlp, TestData.random(10, 5, 10, 5), 5, (p, v) -> { }, ProgressListener.NONE));
    }

    @Test
    void aShapeTheNetworkCannotTakeIsOneLineNamingTheSizes() {
        Slim4jException e = assertThrows(Slim4jException.class, () -> ActivationCapture.run(ModelHandle.of(InferenceNetworks.cnn()),
                TestData.random(10, 50, 10, 5), 5, (p, v) -> { }, ProgressListener.NONE));

        assertTrue(e.getMessage().startsWith("activation capture failed on this data: "), e.getMessage());
        assertTrue(e.getMessage().contains("rows 8 x columns 8 x channels 1 but was instead [5, 50]"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aConsumerErrorGetsThePointAndBatch() {
        assertError("at quantization point 0, batch 1: the values hold NaN", () -> ActivationCapture.run(
                ModelHandle.of(TestNetworks.mlp()), TestData.random(10, 784, 10, 5), 5, (point, values) -> {
                    if (point.equals("0")) {
                        throw new Slim4jException("the values hold NaN");
                    }
                }, ProgressListener.NONE));
    }

    @Test
    void theNetworkIsNotChanged() {
        MultiLayerNetwork net = TestNetworks.mlp();
        INDArray before = net.params().dup();

        ActivationCapture.run(ModelHandle.of(net), TestData.random(10, 784, 10, 5), 5, (p, v) -> { }, ProgressListener.NONE);

        Bitwise.assertIdentical(before, net.params());
    }

    private static void assertError(String message, Runnable run) {
        assertEquals(message, assertThrows(Slim4jException.class, run::run).getMessage());
    }
}
