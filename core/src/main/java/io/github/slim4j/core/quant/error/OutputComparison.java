package io.github.slim4j.core.quant.error;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Runs the same data through a model and its reference (both DL4J networks, inference mode,
 * unchanged) and compares their predictions, batch by batch; an interrupt stops the pass between
 * batches with the figures so far. Outputs that are not already a softmax go through one first
 * (the figures are defined in {@link AgreementCounts}).
 */
public final class OutputComparison {
    private static final String TASK = "output comparison";

    private OutputComparison() {
    }

    /**
     * One pass over the data, rewinding it first when it can. Progress counts batches. On an
     * interrupt the result has {@code complete == false} and the thread's interrupt flag stays set.
     *
     * @throws Slim4jException when either model is not a DL4J network, the two give outputs of
     *     different widths, the data has no examples or no labels, or it does not fit the networks
     */
    public static OutputAgreement compare(ModelHandle model, ModelHandle reference, DataSetIterator data, ProgressListener progress) {
        Network network = Network.of(model, TASK);
        Network referenceNetwork = Network.of(reference, TASK);
        OptionalLong width = network.outputWidth();
        OptionalLong referenceWidth = referenceNetwork.outputWidth();
        if (width.isPresent() && referenceWidth.isPresent()) {
            requireSameWidth(width.getAsLong(), referenceWidth.getAsLong());
        }
        BatchLoop.start(data);
        Pass pass = new Pass(network, referenceNetwork,
                new AgreementCounts(OutputProbabilities.of(model), OutputProbabilities.of(reference)), data, progress);
        boolean complete = BatchLoop.run(data, pass::compare);
        return pass.counts.result(complete);
    }

    private static void requireSameWidth(long width, long referenceWidth) {
        if (width != referenceWidth) {
            throw new Slim4jException("the model gives " + width + " outputs per example and the reference " + referenceWidth
                    + "; outputs can only be compared at the same width");
        }
    }

    /** One pass over the data. */
    private static final class Pass {
        private final Network network;
        private final Network reference;
        private final AgreementCounts counts;
        private final ProgressListener progress;
        private final long expectedBatches;
        private long batches;

        Pass(Network network, Network reference, AgreementCounts counts, DataSetIterator data, ProgressListener progress) {
            this.network = network;
            this.reference = reference;
            this.counts = counts;
            this.progress = progress;
            this.expectedBatches = BatchLoop.batchesPerPass(data);
        }

        void compare(DataSet batch) {
            if (batch.getLabels() == null) {
                throw new Slim4jException(TASK + " needs labeled data, but the iterator's batches have no labels");
            }
            network.checkWidths(batch);
            reference.checkWidths(batch);
            INDArray predictions = requireRows(network.output(batch));
            INDArray referencePredictions = requireRows(reference.output(batch));
            requireSameWidth(predictions.size(1), referencePredictions.size(1));
            double[][] outputs = predictions.toDoubleMatrix();
            double[][] referenceOutputs = referencePredictions.toDoubleMatrix();
            double[][] labels = batch.getLabels().toDoubleMatrix();
            for (int row = 0; row < outputs.length; row++) {
                counts.add(outputs[row], referenceOutputs[row], labels[row]);
            }
            batches++;
            progress.progress(batches, expectedBatches, String.format(Locale.ROOT, "batch %s, top-1 agreement %.1f%%",
                    expectedBatches < 0 ? batches : batches + "/" + expectedBatches, 100 * counts.agreement()));
        }

        private static INDArray requireRows(INDArray predictions) {
            if (predictions.rank() != 2) {
                throw new Slim4jException(TASK + " needs one prediction per example ([examples, classes]); a network gives shape "
                        + Arrays.toString(predictions.shape()));
            }
            return predictions;
        }
    }
}
