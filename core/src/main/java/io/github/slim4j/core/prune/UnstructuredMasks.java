package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Magnitude and random pruning: single entries, ranked by their keys within each tensor (layer
 * scope) or across all the tensors (global scope, ties by tensor order, then storage order). The
 * tensors' keys and marks are made on all cores at once; each tensor's mask is what reading them in
 * order gives ({@link Cut#takers}).
 */
final class UnstructuredMasks implements MaskPlanner {
    private final Function<Target, KeyStream> keys;
    /** Whether the keys are float bits worth reporting as a threshold. */
    private final boolean magnitudes;

    private UnstructuredMasks(Function<Target, KeyStream> keys, boolean magnitudes) {
        this.keys = keys;
        this.magnitudes = magnitudes;
    }

    static UnstructuredMasks magnitude() {
        return new UnstructuredMasks(KeyStream.Magnitudes::new, true);
    }

    static UnstructuredMasks random(long seed) {
        return new UnstructuredMasks(target -> new KeyStream.Random(target, seed), false);
    }

    @Override
    public List<TensorPlan> plan(List<Target> targets, Amount amount, Scope scope) {
        return scope == Scope.GLOBAL ? global(targets, amount) : layer(targets, amount);
    }

    /** Each tensor alone, the tensors spread over the cores. */
    private List<TensorPlan> layer(List<Target> targets, Amount amount) {
        long[] counts = targets.stream().mapToLong(t -> PruneCount.of(amount, t.length(), "weights", t.name())).toArray();
        return IntStream.range(0, targets.size()).parallel().mapToObj(i -> {
            KeyStream tensorKeys = keys.apply(targets.get(i));
            return mark(targets.get(i), tensorKeys, SmallestKeys.ofStreams(List.of(tensorKeys), counts[i]).taker());
        }).toList();
    }

    private List<TensorPlan> global(List<Target> targets, Amount amount) {
        long total = targets.stream().mapToLong(Target::length).sum();
        long count = PruneCount.of(amount, total, "weights", "the " + targets.size() + " selected tensors");
        if (total > Integer.MAX_VALUE) {
            throw new Slim4jException("global scope ranks at most " + Integer.MAX_VALUE
                    + " weights at once; the selected tensors have " + total + "; prune them layer by layer");
        }
        List<KeyStream> allKeys = targets.stream().map(keys).toList();
        List<Cut.Taker> takers = SmallestKeys.ofStreams(allKeys, count).takers(allKeys);
        return IntStream.range(0, targets.size()).parallel()
                .mapToObj(i -> mark(targets.get(i), allKeys.get(i), takers.get(i)))
                .toList();
    }

    private TensorPlan mark(Target target, KeyStream tensorKeys, Cut.Taker taker) {
        long tiesBefore = taker.tiesLeft();
        long[] keep = target.before().words();
        tensorKeys.forEachChunk((chunk, from, length) -> {
            // Chunks start at multiples of 64 keys, so each word of the mask lies in one chunk.
            for (int j = 0; j < length; j += Long.SIZE) {
                keep[(from + j) / Long.SIZE] &= ~taker.select(chunk, j, Math.min(Long.SIZE, length - j));
            }
        });
        OptionalDouble threshold = magnitudes ? TensorPlan.threshold(largestSelected(tensorKeys, taker, tiesBefore)) : OptionalDouble.empty();
        return new TensorPlan(target, new Mask(keep, target.length()), threshold);
    }

    /**
     * A tensor that took a tie holds the threshold, which no selected key exceeds; only one that
     * took none (all its selected keys lie below the threshold) is read again for its largest.
     */
    private static int largestSelected(KeyStream tensorKeys, Cut.Taker taker, long tiesBefore) {
        if (taker.tookTiesSince(tiesBefore)) {
            return taker.threshold();
        }
        int[] largest = {Integer.MIN_VALUE};
        tensorKeys.forEachChunk((chunk, from, length) -> largest[0] = Math.max(largest[0], taker.largestBelow(chunk, length)));
        return largest[0];
    }
}
