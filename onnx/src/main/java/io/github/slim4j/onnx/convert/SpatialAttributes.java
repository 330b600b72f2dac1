package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * The window of a 2-D Conv or pooling node: kernel, strides, dilations and the padding before and
 * after each spatial axis, with {@code auto_pad} resolved the way ONNX defines it.
 */
record SpatialAttributes(long[] kernel, long[] strides, long[] dilations, long[] padBegin, long[] padEnd) {
    /** Larger windows, strides or pads than any image: a corrupt file, refused before it reaches an int. */
    static final long LARGEST = 1 << 16;


    static SpatialAttributes of(NodeProto node, Conversion conversion, long[] kernel, long height, long width) {
        Attributes attributes = conversion.attributes(node);
        long[] strides = attributes.getInts("strides").orElse(new long[] {1, 1});
        long[] dilations = attributes.getInts("dilations").orElse(new long[] {1, 1});
        if (strides.length != 2 || dilations.length != 2) {
            throw Conversion.error(node, "strides " + Arrays.toString(strides) + " and dilations " + Arrays.toString(dilations)
                    + " must each have 2 values: slim4j imports 2-D convolution and pooling");
        }
        for (long[] values : new long[][] {kernel, strides, dilations}) {
            if (Arrays.stream(values).anyMatch(v -> v < 1 || v > LARGEST)) {
                throw Conversion.error(node, "kernel " + Arrays.toString(kernel) + ", strides " + Arrays.toString(strides) + " and dilations "
                        + Arrays.toString(dilations) + " must each be 1 to " + LARGEST);
            }
        }
        String autoPad = attributes.getString("auto_pad", "NOTSET");
        long[] begin = new long[2];
        long[] end = new long[2];
        long[] in = {height, width};
        switch (autoPad) {
            case "NOTSET" -> {
                long[] pads = attributes.getInts("pads").orElse(new long[4]);
                if (pads.length != 4) {
                    throw Conversion.error(node, "pads " + Arrays.toString(pads) + " must have 4 values for a 2-D window");
                }
                begin = new long[] {pads[0], pads[1]};
                end = new long[] {pads[2], pads[3]};
            }
            case "VALID" -> {
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                for (int axis = 0; axis < 2; axis++) {
                    long out = (in[axis] + strides[axis] - 1) / strides[axis];
                    long total = Math.max(0, (out - 1) * strides[axis] + (kernel[axis] - 1) * dilations[axis] + 1 - in[axis]);
                    long small = total / 2;
                    begin[axis] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[axis] = total - begin[axis];
                }
            }
            default -> throw Conversion.error(node, "auto_pad " + autoPad + " is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        }
        for (long pad : concat(begin, end)) {
            if (pad < 0 || pad > LARGEST) {
                throw Conversion.error(node, "padding " + Arrays.toString(concat(begin, end)) + " is not supported; slim4j imports 0 to " + LARGEST);
            }
        }
        return new SpatialAttributes(kernel, strides, dilations, begin, end);
    }

    /** The same window without padding, for an input padded beforehand. */
    SpatialAttributes unpadded() {
        return new SpatialAttributes(kernel, strides, dilations, new long[2], new long[2]);
    }

    /** A layer that pads the input with zeros as this window would. */
    ZeroPaddingLayer paddingLayer() {
        return new ZeroPaddingLayer.Builder((int) (padBegin[0]), (int) (padEnd[0]), (int) (padBegin[1]),
                (int) (padEnd[1])).build();
    }

    boolean symmetric() {
        return padBegin[0] == padEnd[0] && padBegin[1] == padEnd[1];
    }

    /** The output size along a spatial axis (0 = height), rounding down as ONNX does by default. */
    long output(int axis, long in, boolean ceil) {
        long span = in + padBegin[axis] + padEnd[axis] - dilations[axis] * (kernel[axis] - 1) - 1;
        return (ceil ? Math.floorDiv(span + strides[axis] - 1, strides[axis]) : Math.floorDiv(span, strides[axis])) + 1;
    }

    int[] kernelInts() {
        return ints(kernel);
    }

    int[] strideInts() {
        return ints(strides);
    }

    int[] dilationInts() {
        return ints(dilations);
    }

    int[] padInts() {
        return ints(padBegin);
    }

    private static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
