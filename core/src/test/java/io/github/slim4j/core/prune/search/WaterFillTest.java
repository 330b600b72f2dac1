package io.github.slim4j.core.prune.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WaterFillTest {

    @Test
    void splitsInProportionToTheWeights() {
        assertArrayEquals(new long[] {10, 20, 70}, WaterFill.split(100, new long[] {1, 2, 7}, new long[3],
                new long[] {100, 100, 100}));
    }

    @Test
    void aTensorAtItsBoundPassesItsShareToTheOthers() {
        // Shares 25, 25, 50; the first can take only 5, so the others split the remaining 95 as 1:2.
        long[] parts = WaterFill.split(100, new long[] {1, 1, 2}, new long[3], new long[] {5, 100, 100});
        assertEquals(5, parts[0]);
        assertEquals(100, Arrays.stream(parts).sum());
        assertTrue(Math.abs(parts[2] - 2 * parts[1]) <= 2, Arrays.toString(parts));
    }

    @Test
    void aTensorAboveTheLevelStaysAtItsLowerBound() {
        // Uniform 50% of 100 + 100 is 100 entries; the first already has 80, so the second takes 20.
        assertArrayEquals(new long[] {80, 20}, WaterFill.split(100, new long[] {100, 100}, new long[] {80, 0},
                new long[] {99, 99}));
    }

    @Test
    void roundsByLargestRemainder() {
        // Shares 10/3 each: 3, 3, 3 and one left over, which goes to the first of the tied remainders.
        assertArrayEquals(new long[] {4, 3, 3}, WaterFill.split(10, new long[] {5, 5, 5}, new long[3],
                new long[] {10, 10, 10}));
    }

    @Test
    void refusesAnAmountOutsideTheBounds() {
        assertThrows(IllegalArgumentException.class, () -> WaterFill.split(11, new long[] {1, 1}, new long[2],
                new long[] {5, 5}));
    }

    @Property
    void partsAddUpStayInBoundsAndFollowTheWeights(@ForAll("splits") Split split) {
        long[] parts = WaterFill.split(split.amount(), split.weights(), split.low(), split.high());

        assertEquals(split.amount(), Arrays.stream(parts).sum());
        double level = Double.NaN;
        for (int j = 0; j < parts.length; j++) {
            assertTrue(parts[j] >= split.low()[j] && parts[j] <= split.high()[j], "part " + j + ": " + parts[j]);
        }
        // Parts strictly inside their bounds share one level: each is within an entry of level × weight.
        for (int j = 0; j < parts.length; j++) {
            if (parts[j] > split.low()[j] + 1 && parts[j] < split.high()[j] - 1) {
                double own = (double) parts[j] / split.weights()[j];
                if (Double.isNaN(level)) {
                    level = own;
                }
                double slack = 2.0 / split.weights()[j] + 2.0 / Arrays.stream(split.weights()).min().orElseThrow();
                assertEquals(level, own, slack, "part " + j + " of " + Arrays.toString(parts));
            }
        }
    }

    record Split(long amount, long[] weights, long[] low, long[] high) {
    }

    @Provide
    Arbitrary<Split> splits() {
        Arbitrary<List<long[]>> tensors = Combinators.combine(
                        Arbitraries.longs().between(1, 5000), Arbitraries.doubles().between(0, 1),
                        Arbitraries.doubles().between(0, 1))
                .as((size, a, b) -> new long[] {size, (long) (Math.min(a, b) * size), (long) (Math.max(a, b) * size)})
                .list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(tensors, Arbitraries.doubles().between(0, 1)).as((list, at) -> {
            long[] weights = list.stream().mapToLong(t -> t[0]).toArray();
            long[] low = list.stream().mapToLong(t -> t[1]).toArray();
            long[] high = list.stream().mapToLong(t -> t[2]).toArray();
            long least = Arrays.stream(low).sum();
            long most = Arrays.stream(high).sum();
            return new Split(least + Math.round(at * (most - least)), weights, low, high);
        });
    }
}
