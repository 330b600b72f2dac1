package io.github.slim4j.core.train;

/**
 * What a training run did.
 *
 * @param epochsCompleted full passes over the data finished
 * @param epochsRequested passes asked for
 * @param batches training steps taken, over all epochs
 * @param lastLoss the loss of the last step, as DL4J reports it; NaN when no step ran
 * @param seconds wall time of the run
 * @param complete false when an interrupt stopped the run before the last epoch ended
 */
public record TrainingResult(int epochsCompleted, int epochsRequested, long batches, double lastLoss, double seconds,
        boolean complete) {
}
