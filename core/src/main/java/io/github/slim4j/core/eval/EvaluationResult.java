package io.github.slim4j.core.eval;

import java.util.OptionalDouble;

/**
 * What an evaluation pass found.
 *
 * @param examples examples evaluated
 * @param expectedExamples examples in a full pass, or -1 when the iterator does not say
 * @param classes label columns; 0 when no batch was evaluated
 * @param accuracy fraction of examples whose top prediction is the label; NaN without examples
 * @param top5Accuracy fraction whose label is among the top 5 predictions, present when classes > 5
 * @param loss the network's own loss, mean per example (including its regularization terms); NaN
 *     without examples
 * @param inferenceSeconds time spent in the network's forward pass only
 * @param complete false when an interrupt stopped the pass early
 */
public record EvaluationResult(long examples, long expectedExamples, int classes, double accuracy,
        OptionalDouble top5Accuracy, double loss, double inferenceSeconds, boolean complete) {

    /** Inference throughput; NaN when no time was measured. */
    public double examplesPerSecond() {
        return inferenceSeconds > 0 ? examples / inferenceSeconds : Double.NaN;
    }
}
