package io.github.slim4j.core.eval;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.Locale;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Measures a classifier's accuracy, top-5 accuracy, loss and inference speed on labeled data. The
 * network runs in inference mode and is not changed; the loss is the network's own.
 */
public final class ModelEvaluator {
    private static final String TASK = "evaluation";

    private ModelEvaluator() {
    }

    /**
     * Evaluates the model on one full pass of the data, rewinding the iterator first when it can.
     * Progress counts batches. An interrupt stops the pass between batches and gives the result so
     * far with {@code complete == false}; the thread's interrupt flag stays set.
     *
     * @throws Slim4jException when the model is not a DL4J network, the iterator has no examples,
     *     or the data does not fit the network
     */
    public static EvaluationResult evaluate(ModelHandle model, DataSetIterator data, ProgressListener progress) {
        Network network = Network.of(model, TASK);
        BatchLoop.start(data);
        Pass pass = new Pass(network, data, progress);
        boolean complete = BatchLoop.run(data, pass::evaluate);
        return pass.result(complete);
    }

    /** The running totals of one pass. */
    private static final class Pass {
        private final Network network;
        private final ProgressListener progress;
        private final long expectedExamples;
        private final long expectedBatches;
        private final ClassificationCounts counts = new ClassificationCounts();
        private int classes;
        private long examples;
        private long batches;
        private double lossSum;
        private long inferenceNanos;

        Pass(Network network, DataSetIterator data, ProgressListener progress) {
            this.network = network;
            this.progress = progress;
            this.expectedExamples = BatchLoop.examplesPerPass(data);
            this.expectedBatches = BatchLoop.batchesPerPass(data);
        }

        void evaluate(DataSet batch) {
            if (batch.getLabels() == null) {
                throw new Slim4jException("evaluation needs labeled data, but the iterator's batches have no labels");
            }
            network.checkWidths(batch);
            classes = (int) batch.getLabels().size(1);
            long start = System.nanoTime();
            INDArray predictions = network.output(batch);
            inferenceNanos += System.nanoTime() - start;
            counts.add(predictions, batch.getLabels());
            int n = batch.numExamples();
            lossSum += network.score(batch) * n;
            examples += n;
            batches++;
            progress.progress(batches, expectedBatches, String.format(Locale.ROOT, "batch %s, loss %.3g",
                    expectedBatches < 0 ? batches : batches + "/" + expectedBatches, lossSum / examples));
        }

        EvaluationResult result(boolean complete) {
            boolean any = examples > 0;
            OptionalDouble top5 = any && classes > ClassificationCounts.TOP_N
                    ? OptionalDouble.of(counts.topNAccuracy())
                    : OptionalDouble.empty();
            return new EvaluationResult(examples, expectedExamples, classes,
                    any ? counts.accuracy() : Double.NaN, top5,
                    any ? lossSum / examples : Double.NaN, inferenceNanos / 1e9, complete);
        }
    }
}
