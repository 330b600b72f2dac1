package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;

import java.util.OptionalInt;

/** How many values share one scale (and zero point). */
public sealed interface Granularity permits Granularity.PerTensor, Granularity.PerChannel, Granularity.PerGroup {

    /** One scale for the whole tensor. */
    record PerTensor() implements Granularity { }

    /**
     * One scale per slice along {@code axis}; empty means the tensor's output dimension (axis 0 of a
     * raw {@code [out, in, ...]} tensor, axis 1 of a DL4J dense {@code W [nIn, nOut]}).
     */
    record PerChannel(OptionalInt axis) implements Granularity {

        public PerChannel {
            if (axis.isPresent() && axis.getAsInt() < 0) {
                throw new Slim4jException("a channel axis is 0 or more, got " + axis.getAsInt());
            }
        }
    }

    /**
     * One scale per group of {@code size} consecutive values along the input dimension, for every
     * output channel, as GPTQ and AWQ weight-only schemes; the input dimension must be a multiple
     * of the size. Other axes (a convolution's kernel positions) share their channel's groups; a
     * vector, whose input is its output, is cut into groups along its length.
     */
    record PerGroup(int size) implements Granularity {

        public PerGroup {
            if (size < 1) {
                throw new Slim4jException("a group holds 1 value or more, got " + size);
            }
        }
    }
}
