package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Dl4jFailures;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Runs data through a network in inference mode and hands every quantization point's activations
 * of every batch to a consumer, as calibration needs. The network is not changed.
 */
public final class ActivationCapture {
    /** For {@code maxBatches}: one whole pass over the data. */
    public static final long ALL_BATCHES = Long.MAX_VALUE;
    private static final String TASK = "activation capture";

    private ActivationCapture() {
    }

    /**
     * Captures one pass of the data, or its first {@code maxBatches} batches, rewinding the iterator
     * first when it can. Progress counts batches. An interrupt stops the capture between batches,
     * with {@code complete == false} and the thread's interrupt flag still set.
     *
     * @throws Slim4jException when the model is not a MultiLayerNetwork, {@code maxBatches} is below
     *     1, the iterator has no examples, a batch does not fit the network, or the consumer throws
     *     one (its message then starts with the point and batch)
     */
    public static CaptureResult run(ModelHandle model, DataSetIterator data, long maxBatches, ActivationConsumer consumer,
            ProgressListener progress) {
        QuantizationPoints points = QuantizationPoints.of(model);
        if (maxBatches < 1) {
            throw new Slim4jException("maxBatches must be 1 or more, got " + maxBatches);
        }
        Network widths = Network.of(model, TASK);
        BatchLoop.start(data);
        Pass pass = new Pass(points, widths, consumer, progress, total(data, maxBatches));
        boolean complete = BatchLoop.run(data, maxBatches, pass::capture);
        return new CaptureResult(pass.batches, pass.examples, complete);
    }

    private static long total(DataSetIterator data, long maxBatches) {
        long perPass = BatchLoop.batchesPerPass(data);
        if (perPass < 0) {
            return maxBatches == ALL_BATCHES ? -1 : maxBatches;
        }
        return Math.min(perPass, maxBatches);
    }

    private static final class Pass {
        private final QuantizationPoints points;
        private final Network widths;
        private final ActivationConsumer consumer;
        private final ProgressListener progress;
        private final long total;
        private long batches;
        private long examples;

        Pass(QuantizationPoints points, Network widths, ActivationConsumer consumer, ProgressListener progress, long total) {
            this.points = points;
            this.widths = widths;
            this.consumer = consumer;
            this.progress = progress;
            this.total = total;
        }

        void capture(DataSet batch) {
            // Labels play no part in capture, so only the features are checked against the network.
            widths.checkWidths(new DataSet(batch.getFeatures(), null));
            MultiLayerNetwork network = points.network();
            List<INDArray> activations = Dl4jFailures.call(TASK, () -> network.feedForward(batch.getFeatures(),
                    batch.getFeaturesMaskArray(), batch.getLabelsMaskArray()));
            long number = batches + 1;
            for (QuantizationPoint point : points.points()) {
                try {
                    consumer.accept(point.name(), activations.get(point.activationIndex()));
                } catch (Slim4jException e) {
                    throw new Slim4jException("at quantization point " + point.name() + ", batch " + number + ": "
                            + e.getMessage(), e);
                }
            }
            batches = number;
            examples += batch.numExamples();
            progress.progress(batches, total, "batch " + (total < 0 ? batches : batches + "/" + total));
        }
    }
}
