package io.github.slim4j.core.prune;

import io.github.slim4j.core.tensor.FloatReader;

import java.util.SplittableRandom;

/**
 * One int key per entry of a tensor, in storage order, that orders the entries as a criterion
 * ranks them, smallest pruned first. Entries the tensor's mask already prunes get {@link #MASKED},
 * below every other key, so they are pruned again before any other.
 */
final class EntryKeys {
    /** The key of an entry already masked. */
    static final int MASKED = -1;

    private EntryKeys() {
    }

    /**
     * The bits of |w| as a float: for non-negative floats the int order of the bits is the order of
     * the values, and every NaN (sign cleared) lies above infinity, so NaN counts as the largest
     * magnitude and is pruned last, as {@code torch.topk} orders it.
     */
    static int[] magnitudes(Target target) {
        int[] keys = new int[target.length()];
        int[] at = {0};
        FloatReader.forEachChunk(target.dense(), (chunk, length) -> {
            int from = at[0];
            for (int i = 0; i < length; i++) {
                keys[from + i] = Float.floatToRawIntBits(chunk[i]) & Integer.MAX_VALUE;
            }
            at[0] = from + length;
        });
        return masked(keys, target.before());
    }

    /**
     * Uniform non-negative keys from {@link SplittableRandom}, one draw per entry in storage order
     * (masked ones too, so the draws do not depend on the mask). Each tensor has its own generator,
     * seeded from the seed and the tensor's name, so a tensor's choice does not depend on which other
     * tensors are pruned with it. PyTorch's generator cannot be matched: its choice differs.
     */
    static int[] random(Target target, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * target.name().hashCode());
        int[] keys = new int[target.length()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt() >>> 1;
        }
        return masked(keys, target.before());
    }

    private static int[] masked(int[] keys, Mask before) {
        if (before.pruned() > 0) {
            for (int i = 0; i < keys.length; i++) {
                if (!before.isKept(i)) {
                    keys[i] = MASKED;
                }
            }
        }
        return keys;
    }
}
