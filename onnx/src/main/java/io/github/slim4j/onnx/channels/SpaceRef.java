package io.github.slim4j.onnx.channels;

import java.util.List;

/**
 * Which channels a value's channel axis (axis 1) holds, in order: one space of channels made by a
 * layer (or joined with others by residual additions), the spaces of a Concat's inputs one after
 * another, or a space flattened with the spatial positions of each channel.
 */
sealed interface SpaceRef permits SpaceRef.Base, SpaceRef.Joined, SpaceRef.Expanded {

    /** The channels of one space: its id in {@link Spaces}, before joining. */
    record Base(int id) implements SpaceRef {
    }

    /** A Concat's output along channels: its inputs' channels, in order. */
    record Joined(List<SpaceRef> parts) implements SpaceRef {
        public Joined {
            parts = List.copyOf(parts);
        }
    }

    /** A flattened [C, H, W] value: channel c covers positions [c·factor, (c+1)·factor). */
    record Expanded(SpaceRef inner, long factor) implements SpaceRef {
    }
}
