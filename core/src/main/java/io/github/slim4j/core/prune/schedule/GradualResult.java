package io.github.slim4j.core.prune.schedule;

import java.util.List;

/**
 * How far gradual pruning got.
 *
 * @param completed the steps that finished, in order; after an interrupt the model is as it was at
 *                  the end of the last of them
 * @param complete  whether every step of the schedule finished
 */
public record GradualResult(List<GradualStep> completed, int stepsRequested, boolean complete) {

    public GradualResult {
        completed = List.copyOf(completed);
    }
}
