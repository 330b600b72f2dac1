package io.github.slim4j.onnx.channels;

import io.github.slim4j.core.prune.Amount;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which channels of each removable group stay. A channel's importance is the Lp norm (L1 or L2) of
 * the weights that make it, summed over the layers that make it (a residual group has several).
 * The least important go first, the lower index first among equals; every group keeps one channel.
 */
final class ChannelSelection {
    private ChannelSelection() {
    }

    /**
     * The kept channels of each group that loses any, by root space. Each group then keeps a
     * multiple of {@code roundTo} channels (or all of them, if fewer), by putting back its most
     * important removed channels: vector kernels work on blocks of channels, and ONNX Runtime's
     * int8 convolutions ran 3× slower on 9 or 31 channels than on 8 or 32.
     */
    static Map<Integer, int[]> choose(Map<Integer, double[]> importance, Amount amount, ChannelScope scope, int roundTo) {
        Map<Integer, boolean[]> removed = new LinkedHashMap<>();
        importance.forEach((root, values) -> removed.put(root, new boolean[values.length]));
        if (scope == ChannelScope.LAYER) {
            importance.forEach((root, values) -> {
                long count = Math.min(amount.of(values.length), values.length - 1L);
                ranked(values).stream().limit(count).forEach(channel -> removed.get(root)[channel] = true);
            });
        } else {
            record Ranked(int root, int channel, double score) { }
            List<Ranked> all = new ArrayList<>();
            importance.forEach((root, values) -> {
                double mean = java.util.Arrays.stream(values).average().orElse(0);
                for (int channel = 0; channel < values.length; channel++) {
                    all.add(new Ranked(root, channel, mean == 0 ? 0 : values[channel] / mean));
                }
            });
            all.sort(Comparator.comparingDouble(Ranked::score));
            long count = amount.of(all.size());
            Map<Integer, Integer> left = new HashMap<>();
            importance.forEach((root, values) -> left.put(root, values.length));
            for (Ranked channel : all) {
                if (count == 0) {
                    break;
                }
                if (left.get(channel.root()) > 1) {
                    removed.get(channel.root())[channel.channel()] = true;
                    left.merge(channel.root(), -1, Integer::sum);
                    count--;
                }
            }
        }
        removed.forEach((root, gone) -> roundUp(importance.get(root), gone, roundTo));
        Map<Integer, int[]> kept = new LinkedHashMap<>();
        removed.forEach((root, gone) -> {
            int[] stay = IntStream.range(0, gone.length).filter(channel -> !gone[channel]).toArray();
            if (stay.length < gone.length) {
                kept.put(root, stay);
            }
        });
        return kept;
    }

    private static void roundUp(double[] importance, boolean[] removed, int roundTo) {
        int kept = (int) IntStream.range(0, removed.length).filter(channel -> !removed[channel]).count();
        int wanted = Math.min(removed.length, (kept + roundTo - 1) / roundTo * roundTo);
        List<Integer> ranked = ranked(importance);
        for (int i = ranked.size() - 1; i >= 0 && kept < wanted; i--) {
            int channel = ranked.get(i);
            if (removed[channel]) {
                removed[channel] = false;
                kept++;
            }
        }
    }

    /** The importance of every channel of every removable group: unpinned, made by a layer, more than one channel. */
    static Map<Integer, double[]> importance(ChannelGraph graph, int norm) {
        Map<Integer, double[]> importance = new LinkedHashMap<>();
        for (ChannelGraph.Producer producer : graph.producers) {
            int root = graph.spaces.root(producer.space().id());
            if (graph.spaces.pinnedReason(root).isPresent() || graph.spaces.size(root) < 2) {
                continue;
            }
            double[] values = importance.computeIfAbsent(root, ignored -> new double[graph.spaces.size(root)]);
            double[] norms = norms(graph.tensors.get(producer.tensor()), producer.axis(), norm);
            for (int channel = 0; channel < values.length; channel++) {
                values[channel] += norms[channel];
            }
        }
        return importance;
    }

    private static List<Integer> ranked(double[] values) {
        return IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(channel -> values[channel])).toList();
    }

    /** The norm of each slice of the tensor along the axis. */
    static double[] norms(Tensor tensor, int axis, int norm) {
        long[] shape = tensor.shape();
        int size = (int) shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        double[] sums = new double[size];
        FloatBuffer values = tensor.floats();
        // The tensor is outer × size × inner in memory: each channel's values come in runs of inner.
        for (int start = 0, channel = 0; start < values.limit(); start += inner, channel = (channel + 1) % size) {
            sums[channel] += sum(values, start, start + inner, norm == 2);
        }
        if (norm == 2) {
            for (int channel = 0; channel < size; channel++) {
                sums[channel] = Math.sqrt(sums[channel]);
            }
        }
        return sums;
    }

    /*
     * The sum of |x| or of x² over a run. Four sums side by side: one running sum waits on each
     * addition before the next (a sum over ResNet-18's 11M weights took 15 ms that way), four keep
     * the adder busy. Reading through the buffer view costs less than copying into an array first,
     * which was measured slower.
     */
    private static double sum(FloatBuffer values, int from, int to, boolean squares) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            a += term(values.get(i), squares);
            b += term(values.get(i + 1), squares);
            c += term(values.get(i + 2), squares);
            d += term(values.get(i + 3), squares);
        }
        for (; i < to; i++) {
            a += term(values.get(i), squares);
        }
        return (a + b) + (c + d);
    }

    private static double term(float value, boolean squares) {
        return squares ? (double) value * value : Math.abs(value);
    }
}
