package io.github.slim4j.core.prune.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.slim4j.core.prune.Amount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Global removal with rounding takes whole blocks of channels, so every group keeps a multiple and the amount is still removed. */
class ChannelChoiceTest {

    @Test
    void globalRemovalTakesWholeBlocksOfTheWeakestChannels() {
        // "wide" has 32 channels of importance 1..32 (mean 16.5), "narrow" 16 of importance 10 (mean 10).
        // Normalized, wide's blocks of 8 score 4.5/16.5, 12.5/16.5, 20.5/16.5 and narrow's only removable block 1.0:
        // half of 48 channels is 24, so wide loses its first two blocks (0.27, 0.76) and narrow its block (1.0).
        Map<String, double[]> importance = new LinkedHashMap<>();
        importance.put("wide", IntStream.rangeClosed(1, 32).asDoubleStream().toArray());
        importance.put("narrow", IntStream.range(0, 16).mapToDouble(channel -> 10).toArray());

        Map<String, int[]> kept = ChannelChoice.choose(importance, new Amount.Fraction(0.5), ChannelScope.GLOBAL, 8);

        assertArrayEquals(IntStream.range(16, 32).toArray(), kept.get("wide"));
        assertArrayEquals(IntStream.range(8, 16).toArray(), kept.get("narrow"), "the lower index first among equals");
    }

    @Test
    void aGroupWhoseSizeIsNoMultipleFirstShedsTheRemainder() {
        // 20 channels at round-to 8: a first block of 4, then 8; keeping 8 at least.
        Map<String, double[]> importance = new LinkedHashMap<>();
        importance.put("odd", IntStream.rangeClosed(1, 20).asDoubleStream().toArray());

        Map<String, int[]> kept = ChannelChoice.choose(importance, new Amount.Count(5), ChannelScope.GLOBAL, 8);

        assertEquals(8, kept.get("odd").length, "5 channels asked: the block of 4, then a block of 8, to keep a multiple of 8");
        assertArrayEquals(IntStream.range(12, 20).toArray(), kept.get("odd"));
    }

    @Test
    void groupsNarrowerThanTheRoundingStayWhole() {
        Map<String, double[]> importance = new LinkedHashMap<>();
        importance.put("tiny", new double[] {1, 2, 3});
        importance.put("wide", IntStream.rangeClosed(1, 16).asDoubleStream().toArray());

        Map<String, int[]> kept = ChannelChoice.choose(importance, new Amount.Fraction(0.9), ChannelScope.GLOBAL, 8);

        assertFalse(kept.containsKey("tiny"));
        assertEquals(8, kept.get("wide").length, "a group keeps one block whatever the amount");
    }

    @Test
    void withoutRoundingGlobalRemovalIsChannelByChannel() {
        Map<String, double[]> importance = new LinkedHashMap<>();
        importance.put("wide", IntStream.rangeClosed(1, 32).asDoubleStream().toArray());

        Map<String, int[]> kept = ChannelChoice.choose(importance, new Amount.Count(5), ChannelScope.GLOBAL, 1);

        assertArrayEquals(IntStream.range(5, 32).toArray(), kept.get("wide"));
    }
}
