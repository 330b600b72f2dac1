package io.github.slim4j.onnx;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.data.SizedDataSetIterator;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A model's predicted class for every example of a data set, with the true classes and the time it took. */
record Predictions(int[] predicted, int[] labels, double seconds) {

    /** Runs the model (a batch of features to a batch of scores) over every example, 500 at a time. */
    static Predictions of(UnaryOperator<INDArray> model, FashionMnist examples) {
        SizedDataSetIterator data = (SizedDataSetIterator) examples.batchSize(500).iterator();
        int total = data.totalExamples();
        int[] predicted = new int[total];
        int[] labels = new int[total];
        int next = 0;
        long nanos = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            long start = System.nanoTime();
            INDArray scores = model.apply(batch.getFeatures());
            nanos += System.nanoTime() - start;
            INDArray classes = scores.argMax(1);
            INDArray truth = batch.getLabels().argMax(1);
            for (int i = 0; i < truth.length(); i++, next++) {
                predicted[next] = classes.getInt(i);
                labels[next] = truth.getInt(i);
            }
        }
        if (next != total) {
            throw new AssertionError(next + " examples where the data set has " + total);
        }
        return new Predictions(predicted, labels, nanos / 1e9);
    }

    /** On how many examples the two predict different classes. */
    int disagreements(Predictions other) {
        int different = 0;
        for (int i = 0; i < predicted.length; i++) {
            different += predicted[i] == other.predicted[i] ? 0 : 1;
        }
        return different;
    }

    /** The share of examples predicted right, in percent. */
    double accuracy() {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return 100.0 * right / labels.length;
    }
}
