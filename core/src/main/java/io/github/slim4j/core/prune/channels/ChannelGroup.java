package io.github.slim4j.core.prune.channels;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One group of channels that stand or fall together, as the removal table shows it.
 *
 * @param layers the layers that make the channels (several for a residual group)
 * @param macsBefore multiply-accumulates per example of every convolution and matrix product that
 *     makes or reads these channels, before removal; empty when the model does not declare the
 *     shape of its input
 * @param macsAfter the same after removal
 * @param pinned why the channels stay, when they must
 */
public record ChannelGroup(int number, List<String> layers, int kept, int total, OptionalLong macsBefore, OptionalLong macsAfter,
        Optional<String> pinned) {

    public ChannelGroup {
        layers = List.copyOf(layers);
    }
}
