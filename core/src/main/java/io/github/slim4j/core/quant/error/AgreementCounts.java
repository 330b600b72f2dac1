package io.github.slim4j.core.quant.error;

/**
 * Running totals of how a model's predictions follow a reference's, example by example: top-1
 * agreement, KL(reference ‖ model) of their probabilities, and both accuracies.
 *
 * <p>A predicted class is the largest output, the first one on a tie, as ND4J's argmax and slim4j's
 * evaluation take it; the true class is the largest label entry.
 *
 * <p>KL divergence is {@code Σ p·(ln p − ln q)} over the classes, p the reference's probability and q
 * the model's, in nats. A class with p = 0 adds nothing (0·ln 0 = 0). Both probabilities are first
 * raised to at least {@value #EPSILON}: a float32 softmax gives exactly 0 to a class whose logit
 * trails the top one by more than about 104, and ln 0 would make one example's KL, and so the mean,
 * infinite. The floor bounds a class's term at ln(10^10) ≈ 23 nats and leaves every probability
 * above it as it is, so identical outputs still give exactly 0.
 */
final class AgreementCounts {
    static final double EPSILON = 1e-10;

    private final OutputProbabilities modelProbabilities;
    private final OutputProbabilities referenceProbabilities;
    private long examples;
    private long agreeing;
    private long correct;
    private long referenceCorrect;
    private double klSum;

    AgreementCounts(OutputProbabilities modelProbabilities, OutputProbabilities referenceProbabilities) {
        this.modelProbabilities = modelProbabilities;
        this.referenceProbabilities = referenceProbabilities;
    }

    /** One example: both networks' output rows, of the same width, and its label row. */
    void add(double[] output, double[] referenceOutput, double[] label) {
        int predicted = argmax(output);
        int referencePredicted = argmax(referenceOutput);
        int truth = argmax(label);
        agreeing += predicted == referencePredicted ? 1 : 0;
        correct += predicted == truth ? 1 : 0;
        referenceCorrect += referencePredicted == truth ? 1 : 0;
        klSum += kl(referenceProbabilities.of(referenceOutput), modelProbabilities.of(output));
        examples++;
    }

    long examples() {
        return examples;
    }

    /** Share of examples both predict alike; NaN before any example. */
    double agreement() {
        return (double) agreeing / examples;
    }

    /** The figures so far; NaN before any example. */
    OutputAgreement result(boolean complete) {
        return new OutputAgreement(examples, agreement(), klSum / examples, (double) correct / examples,
                (double) referenceCorrect / examples, complete);
    }

    static double kl(double[] p, double[] q) {
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            if (p[k] > 0) {
                sum += p[k] * (Math.log(Math.max(p[k], EPSILON)) - Math.log(Math.max(q[k], EPSILON)));
            }
        }
        return sum;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
