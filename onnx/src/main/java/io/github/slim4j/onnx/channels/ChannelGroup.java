package io.github.slim4j.onnx.channels;

import java.util.List;
import java.util.Optional;

/**
 * One group of channels that stand or fall together, as the removal table shows it.
 *
 * @param layers the nodes that make the channels (several for a residual group)
 * @param macsBefore multiply-accumulates per example of every convolution and matrix product that
 *     makes or reads these channels, before removal
 * @param macsAfter the same after removal
 * @param pinned why the channels stay, when they must
 */
public record ChannelGroup(int number, List<String> layers, int kept, int total, long macsBefore, long macsAfter, Optional<String> pinned) {

    public ChannelGroup {
        layers = List.copyOf(layers);
    }
}
