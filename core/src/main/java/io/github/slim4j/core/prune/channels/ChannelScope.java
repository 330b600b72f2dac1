package io.github.slim4j.core.prune.channels;

/** How many channels each group loses: the same share of each, or the least important across all. */
public enum ChannelScope {
    /** Each group loses the amount of its own channels. */
    LAYER,
    /**
     * Channels of all groups are ranked together by their importance divided by the mean importance
     * of their group (Torch-Pruning's global mode), and the amount of all channels goes.
     */
    GLOBAL
}
