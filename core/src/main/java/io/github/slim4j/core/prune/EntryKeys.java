package io.github.slim4j.core.prune;


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

    /** The keys of {@link KeyStream.Magnitudes}, in one array. */
    static int[] magnitudes(Target target) {
        return new KeyStream.Magnitudes(target).toArray();
    }

    /**
     * The generator of a tensor's random keys ({@link KeyStream.Random}): uniform non-negative draws, one per
     * entry in storage order (masked ones too, so the draws do not depend on the mask). Each tensor
     * has its own generator, seeded from the seed and the tensor's name, so a tensor's choice does not
     * depend on which other tensors are pruned with it. PyTorch's generator cannot be matched: its
     * choice differs.
     */
    static SplittableRandom generator(Target target, long seed) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * target.name().hashCode());
    }

    /** Sets the keys of entries {@code from…from+length} that {@code before} prunes to {@link #MASKED}. */
    static void mask(int[] keys, int from, int length, Mask before) {
        for (int i = 0; i < length; i++) {
            if (!before.isKept(from + i)) {
                keys[i] = MASKED;
            }
        }
    }
}
