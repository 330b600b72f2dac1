package io.github.slim4j.core.prune.channels;

import java.util.List;
import java.util.Optional;

/**
 * How far gradual channel removal got.
 *
 * @param completed the steps that finished, in order
 * @param cut the original model against the model of the last completed step; empty when no step completed
 */
public record GradualRemovalResult(List<GradualRemovalStep> completed, int stepsRequested, Optional<ChannelCut> cut) {

    public GradualRemovalResult {
        completed = List.copyOf(completed);
    }

    public boolean complete() {
        return completed.size() == stepsRequested;
    }
}
