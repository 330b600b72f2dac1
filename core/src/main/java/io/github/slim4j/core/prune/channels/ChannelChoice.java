package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.prune.Amount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * Which channels of each removable group stay, given each channel's importance. The least
 * important go first, the lower index first among equals; every group keeps one channel.
 */
public final class ChannelChoice {
    private ChannelChoice() {
    }

    /**
     * The kept channels of each group that loses any, by the group's key. Each group then keeps a
     * multiple of {@code roundTo} channels (or all of them, if fewer): vector kernels work on
     * blocks of channels, and ONNX Runtime's int8 convolutions ran 3× slower on 9 or 31 channels
     * than on 8 or 32. Per layer, a group puts back its most important removed channels; globally,
     * channels go in whole blocks, so that the amount is still removed.
     *
     * @param importance each group's channels' importance, in channel order
     */
    public static <K> Map<K, int[]> choose(Map<K, double[]> importance, Amount amount, ChannelScope scope, int roundTo) {
        Map<K, boolean[]> removed = new LinkedHashMap<>();
        importance.forEach((group, values) -> removed.put(group, new boolean[values.length]));
        if (scope == ChannelScope.LAYER) {
            importance.forEach((group, values) -> {
                long count = Math.min(amount.of(values.length), values.length - 1L);
                ranked(values).stream().limit(count).forEach(channel -> removed.get(group)[channel] = true);
            });
        } else if (roundTo > 1) {
            removeGloballyInBlocks(importance, amount, roundTo, removed);
        } else {
            removeGlobally(importance, amount, removed);
        }
        removed.forEach((group, gone) -> roundUp(importance.get(group), gone, roundTo));
        Map<K, int[]> kept = new LinkedHashMap<>();
        removed.forEach((group, gone) -> {
            int[] stay = IntStream.range(0, gone.length).filter(channel -> !gone[channel]).toArray();
            if (stay.length < gone.length) {
                kept.put(group, stay);
            }
        });
        return kept;
    }

    /** Torch-Pruning's global mode: channels ranked across groups by importance over their group's mean. */
    private static <K> void removeGlobally(Map<K, double[]> importance, Amount amount, Map<K, boolean[]> removed) {
        record Ranked<K>(K group, int channel, double score) { }
        List<Ranked<K>> all = new ArrayList<>();
        importance.forEach((group, values) -> {
            double[] scores = overGroupMean(values);
            for (int channel = 0; channel < values.length; channel++) {
                all.add(new Ranked<>(group, channel, scores[channel]));
            }
        });
        all.sort(Comparator.comparingDouble(Ranked::score));
        long count = amount.of(all.size());
        Map<K, Integer> left = new HashMap<>();
        importance.forEach((group, values) -> left.put(group, values.length));
        for (Ranked<K> channel : all) {
            if (count == 0) {
                break;
            }
            if (left.get(channel.group()) > 1) {
                removed.get(channel.group())[channel.channel()] = true;
                left.merge(channel.group(), -1, Integer::sum);
                count--;
            }
        }
    }

    /**
     * Global removal whose groups each keep a multiple of {@code roundTo} channels, without falling
     * short of the amount as putting channels back would. Each group offers its least important
     * channels in blocks: first {@code n mod roundTo} of them (so that what stays is a multiple),
     * then {@code roundTo} at a time, always keeping {@code roundTo}. Blocks go in order of their
     * channels' mean importance over their group's mean (Torch-Pruning's global ranking), until
     * the amount is reached; a group's later blocks only after its earlier ones, which hold its
     * less important channels.
     */
    private static <K> void removeGloballyInBlocks(Map<K, double[]> importance, Amount amount, int roundTo, Map<K, boolean[]> removed) {
        record Block<K>(K group, List<Integer> channels, double score) { }
        Map<K, ArrayDeque<Block<K>>> blocks = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<K, double[]> group : importance.entrySet()) {
            double[] values = group.getValue();
            total += values.length;
            double[] scores = overGroupMean(values);
            List<Integer> ranked = ranked(values);
            int removable = values.length < roundTo ? 0 : values.length - roundTo;
            ArrayDeque<Block<K>> queue = new ArrayDeque<>();
            int from = 0;
            int size = removable % roundTo == 0 ? roundTo : removable % roundTo;
            while (from < removable) {
                List<Integer> channels = ranked.subList(from, from + size);
                double score = channels.stream().mapToDouble(channel -> scores[channel]).average().orElse(0);
                queue.add(new Block<>(group.getKey(), channels, score));
                from += size;
                size = roundTo;
            }
            blocks.put(group.getKey(), queue);
        }
        long count = amount.of(total);
        PriorityQueue<Block<K>> next = new PriorityQueue<>(Comparator.comparingDouble(Block<K>::score));
        blocks.values().forEach(queue -> {
            if (!queue.isEmpty()) {
                next.add(queue.poll());
            }
        });
        while (count > 0 && !next.isEmpty()) {
            Block<K> block = next.poll();
            block.channels().forEach(channel -> removed.get(block.group())[channel] = true);
            count -= block.channels().size();
            Block<K> following = blocks.get(block.group()).poll();
            if (following != null) {
                next.add(following);
            }
        }
    }

    /** Each channel's importance over its group's mean: Torch-Pruning's normalisation, so groups of different scales compare. */
    private static double[] overGroupMean(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Arrays.stream(values).map(value -> mean == 0 ? 0 : value / mean).toArray();
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

    private static List<Integer> ranked(double[] values) {
        return IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(channel -> values[channel])).toList();
    }
}
