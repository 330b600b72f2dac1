package io.github.slim4j.core.eval;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Dl4jFailures;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Measures a classifier's accuracy, top-5 accuracy, loss and inference speed on labeled data, with
 * DL4J's own {@link Evaluation}. The network runs in inference mode and is not changed.
 */
public final class ModelEvaluator {
    private static final String TASK = "evaluation";
    private static final int TOP_N = 5;

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
        private final List<String> labelNames;
        private final ProgressListener progress;
        private final long expectedExamples;
        private final long expectedBatches;
        private Evaluation evaluation;
        private int classes;
        private long examples;
        private long batches;
        private double lossSum;
        private long inferenceNanos;

        Pass(Network network, DataSetIterator data, ProgressListener progress) {
            this.network = network;
            this.labelNames = data.getLabels();
            this.progress = progress;
            this.expectedExamples = BatchLoop.examplesPerPass(data);
            this.expectedBatches = BatchLoop.batchesPerPass(data);
        }

        void evaluate(DataSet batch) {
            if (batch.getLabels() == null) {
                throw new Slim4jException("evaluation needs labeled data, but the iterator's batches have no labels");
            }
            network.checkWidths(batch);
            if (evaluation == null) {
                classes = (int) batch.getLabels().size(1);
                evaluation = newEvaluation(classes);
            }
            long start = System.nanoTime();
            INDArray predictions = network.output(batch);
            inferenceNanos += System.nanoTime() - start;
            Dl4jFailures.run(TASK, () -> evaluation.eval(batch.getLabels(), predictions, batch.getLabelsMaskArray()));
            int n = batch.numExamples();
            lossSum += network.score(batch) * n;
            examples += n;
            batches++;
            progress.progress(batches, expectedBatches, String.format(Locale.ROOT, "batch %s, loss %.3g",
                    expectedBatches < 0 ? batches : batches + "/" + expectedBatches, lossSum / examples));
        }

        private Evaluation newEvaluation(int classes) {
            List<String> names = labelNames != null && labelNames.size() == classes
                    ? labelNames
                    : IntStream.range(0, classes).mapToObj(Integer::toString).toList();
            return classes > TOP_N ? new Evaluation(names, TOP_N) : new Evaluation(names);
        }

        EvaluationResult result(boolean complete) {
            boolean any = examples > 0;
            OptionalDouble top5 = any && classes > TOP_N ? OptionalDouble.of(evaluation.topNAccuracy()) : OptionalDouble.empty();
            return new EvaluationResult(examples, expectedExamples, classes,
                    any ? evaluation.accuracy() : Double.NaN, top5,
                    any ? lossSum / examples : Double.NaN, inferenceNanos / 1e9, complete);
        }
    }
}
