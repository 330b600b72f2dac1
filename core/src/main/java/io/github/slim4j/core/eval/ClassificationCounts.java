package io.github.slim4j.core.eval;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Running counts of correct top-1 and top-5 predictions.
 *
 * <p>The true class of an example is the largest entry of its label row (one-hot labels have a
 * single 1); the predicted class the largest entry of its prediction row, the first one on a tie,
 * as ND4J's argmax. An example is top-5 correct when fewer than 5 classes score strictly above
 * its true class. Counting in plain Java keeps evaluation cheap enough to repeat dozens of times in
 * a sensitivity sweep or a search: DL4J's {@code Evaluation} with top-N took half of each pass.
 */
final class ClassificationCounts {

    static final int TOP_N = 5;

    private long examples;
    private long correct;
    private long topNCorrect;

    void add(INDArray predictions, INDArray labels) {
        if (predictions.rank() != 2 || labels.rank() != 2) {
            throw new Slim4jException("evaluation needs one prediction per example ([examples, classes]); the network gives shape "
                    + Arrays.toString(predictions.shape()));
        }
        float[][] scores = predictions.toFloatMatrix();
        float[][] truth = labels.toFloatMatrix();
        for (int row = 0; row < scores.length; row++) {
            int trueClass = argmax(truth[row]);
            correct += argmax(scores[row]) == trueClass ? 1 : 0;
            topNCorrect += classesAbove(scores[row], scores[row][trueClass]) < TOP_N ? 1 : 0;
        }
        examples += scores.length;
    }

    double accuracy() {
        return (double) correct / examples;
    }

    double topNAccuracy() {
        return (double) topNCorrect / examples;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int classesAbove(float[] row, float score) {
        int above = 0;
        for (float value : row) {
            above += value > score ? 1 : 0;
        }
        return above;
    }
}
