package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Dl4jFailures;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.List;
import java.util.Map;
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
     * @throws Slim4jException when the model is not a DL4J network (a graph must have one input and
     *     one output), {@code maxBatches} is below 1, the iterator has no examples, a batch does not
     *     fit the network, or the consumer throws one (its message then starts with the point and batch)
     */
    public static CaptureResult run(ModelHandle model, DataSetIterator data, long maxBatches, ActivationConsumer consumer,
            ProgressListener progress) {
        QuantizationPoints points = QuantizationPoints.of(model);
        return capture(model, points.network(), points.points().stream().map(QuantizationPoint::name).toList(), "quantization point ",
                data, maxBatches, consumer, progress);
    }

    /**
     * As {@link #run}, for the named outputs instead of the points: point names in a
     * MultiLayerNetwork, and the name of any vertex, network inputs included, in a ComputationGraph.
     *
     * @throws Slim4jException also when the network has no output of one of the names
     */
    public static CaptureResult runAt(ModelHandle model, List<String> outputs, DataSetIterator data, long maxBatches,
            ActivationConsumer consumer, ProgressListener progress) {
        return capture(model, PointNetwork.of(model), outputs, "", data, maxBatches, consumer, progress);
    }

    private static CaptureResult capture(ModelHandle model, PointNetwork network, List<String> outputs, String what, DataSetIterator data,
            long maxBatches, ActivationConsumer consumer, ProgressListener progress) {
        if (maxBatches < 1) {
            throw new Slim4jException("maxBatches must be 1 or more, got " + maxBatches);
        }
        Network widths = Network.of(model, TASK);
        BatchLoop.start(data);
        try (ValueReader reader = network.reader(outputs)) {
            Pass pass = new Pass(outputs, what, reader, widths, consumer, progress, total(data, maxBatches));
            boolean complete = BatchLoop.run(data, maxBatches, pass::capture);
            return new CaptureResult(pass.batches, pass.examples, complete);
        }
    }

    private static long total(DataSetIterator data, long maxBatches) {
        long perPass = BatchLoop.batchesPerPass(data);
        if (perPass < 0) {
            return maxBatches == ALL_BATCHES ? -1 : maxBatches;
        }
        return Math.min(perPass, maxBatches);
    }

    private static final class Pass {
        private final List<String> outputs;
        private final String what;
        private final ValueReader reader;
        private final Network widths;
        private final ActivationConsumer consumer;
        private final ProgressListener progress;
        private final long total;
        private long batches;
        private long examples;

        Pass(List<String> outputs, String what, ValueReader reader, Network widths, ActivationConsumer consumer,
                ProgressListener progress, long total) {
            this.outputs = outputs;
            this.what = what;
            this.reader = reader;
            this.widths = widths;
            this.consumer = consumer;
            this.progress = progress;
            this.total = total;
        }

        void capture(DataSet batch) {
            // Labels play no part in capture, so only the features are checked against the network.
            widths.checkWidths(new DataSet(batch.getFeatures(), null));
            Map<String, INDArray> activations = Dl4jFailures.call(TASK, () -> reader.read(batch));
            long number = batches + 1;
            for (String output : outputs) {
                try {
                    consumer.accept(output, activations.get(output));
                } catch (Slim4jException e) {
                    throw new Slim4jException("at " + what + output + ", batch " + number + ": " + e.getMessage(), e);
                }
            }
            batches = number;
            examples += batch.numExamples();
            progress.progress(batches, total, "batch " + (total < 0 ? batches : batches + "/" + total));
        }
    }
}
