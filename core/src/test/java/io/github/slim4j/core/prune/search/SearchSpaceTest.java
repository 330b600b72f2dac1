package io.github.slim4j.core.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    /** An MLP's weights, 784×64, 64×32 and 32×10, the second already pruned to 30%. */
    private static final SearchSpace MLP = new SearchSpace(List.of("a", "b", "c"), new long[] {50176, 2048, 320},
            new long[] {0, 614, 0});

    @Test
    void theModelAsGivenIsAtItsFloors() {
        Point asGiven = MLP.asGiven();
        assertEquals(List.of(0L, 614L, 0L), asGiven.pruned());
        assertEquals(614.0 / 52544, MLP.sparsity(asGiven), 1e-15);
        assertEquals(Map.of("a", 0.0, "b", 614.0 / 2048, "c", 0.0), MLP.sparsities(asGiven));
        assertEquals(List.of("a", "b", "c"), List.copyOf(MLP.sparsities(asGiven).keySet()));
    }

    @Test
    void raisingPrunesAStepOfTheTensorUpTo99Percent() {
        assertEquals(List.of(5018L, 614L, 0L), MLP.raised(MLP.asGiven(), 0, 0.1).orElseThrow().pruned());
        Point high = Point.of(new long[] {49000, 614, 0});
        assertEquals(49674, MLP.raised(high, 0, 0.1).orElseThrow().pruned(0));
        assertEquals(Optional.empty(), MLP.raised(Point.of(new long[] {49674, 614, 0}), 0, 0.1));
    }

    @Test
    void aStepMovesAtLeastOneEntry() {
        SearchSpace tiny = new SearchSpace(List.of("t"), new long[] {200}, new long[] {0});
        assertEquals(1, tiny.raised(tiny.asGiven(), 0, 0.001).orElseThrow().pruned(0));
    }

    @Test
    void shiftingMovesOneTensorAndTheOthersTheOtherWayInProportion() {
        Point uniform = MLP.uniform(Math.round(0.5 * 52544));
        Point shifted = MLP.shifted(uniform, 2, 1, 0.2).orElseThrow();
        assertEquals(uniform.pruned(2) + 64, shifted.pruned(2));
        assertEquals(uniform.total(), shifted.total());
        long fromA = uniform.pruned(0) - shifted.pruned(0);
        long fromB = uniform.pruned(1) - shifted.pruned(1);
        assertEquals(64, fromA + fromB);
        assertTrue(Math.abs(fromA - 64.0 * 50176 / (50176 + 2048)) <= 1, "from a: " + fromA);
    }

    @Test
    void aShiftPastABoundOrThatTheOthersCannotTakeUpIsNoNeighbour() {
        SearchSpace two = new SearchSpace(List.of("x", "y"), new long[] {1000, 10}, new long[] {0, 0});
        Point full = Point.of(new long[] {500, 9});
        assertEquals(Optional.empty(), two.shifted(full, 1, 1, 0.1), "y is at its ceiling");
        assertEquals(Optional.empty(), two.shifted(full, 0, -1, 0.1), "y cannot take up 100 entries");
        assertEquals(List.of(501L, 8L), two.shifted(full, 1, -1, 0.1).orElseThrow().pruned());
        assertEquals(Optional.empty(), two.shifted(Point.of(new long[] {0, 5}), 0, -1, 0.1), "x is at its floor");
    }

    @Test
    void theUniformPointHasEveryTensorAtTheTargetExceptThoseAlreadyBeyondIt() {
        Point at20 = MLP.uniform(MLP.targetEntries(0.2));
        assertEquals(10509, MLP.targetEntries(0.2));
        assertEquals(10509, at20.total());
        assertEquals(614, at20.pruned(1));
        assertTrue(Math.abs(at20.pruned(0) - 0.2 * 50176 * (10509 - 614) / (0.2 * 50496)) <= 1, at20.toString());
        Point at70 = MLP.uniform(MLP.targetEntries(0.7));
        assertEquals(Math.rint(0.7 * 50176), at70.pruned(0), 1);
        assertEquals(Math.rint(0.7 * 2048), at70.pruned(1), 1);
        assertEquals(Math.rint(0.7 * 320), at70.pruned(2), 1);
    }

    @Test
    void targetsOutOfReachAreNamed() {
        assertEquals("a target sparsity of 1.0% is below the 1.2% the selected tensors are already pruned to; "
                + "the search only prunes further", assertThrows(Slim4jException.class, () -> MLP.targetEntries(0.01))
                .getMessage());
        assertEquals("a target sparsity of 99.5% is above 99.0%, the most the search prunes the selected tensors to "
                + "(99% of each)", assertThrows(Slim4jException.class, () -> MLP.targetEntries(0.995)).getMessage());
    }

    @Property
    void shiftsKeepTheTotalAndEveryBound(@ForAll("tensors") Tensors tensors,
            @ForAll @DoubleRange(min = 0.02, max = 0.95) double target, @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(3) double step,
            @ForAll @IntRange(max = 7) int tensor, @ForAll boolean up) {
        SearchSpace space = tensors.space();
        long total;
        try {
            total = space.targetEntries(target);
        } catch (Slim4jException outOfReach) {
            return;
        }
        Point uniform = space.uniform(total);
        tensors.assertWithinBounds(uniform);
        int moved = tensor % space.tensors();
        space.shifted(uniform, moved, up ? 1 : -1, step).ifPresent(shifted -> {
            assertEquals(total, shifted.total());
            tensors.assertWithinBounds(shifted);
            long change = shifted.pruned(moved) - uniform.pruned(moved);
            assertTrue(up ? change > 0 : change < 0, "tensor " + moved + " moved by " + change);
            for (int i = 0; i < space.tensors(); i++) {
                long other = shifted.pruned(i) - uniform.pruned(i);
                assertTrue(i == moved || Long.signum(other) != Long.signum(change), "tensor " + i + " moved with it: " + other);
            }
        });
    }

    record Tensors(long[] sizes, long[] floors) {

        SearchSpace space() {
            return new SearchSpace(IntStream.range(0, sizes.length).mapToObj(i -> "t" + i).toList(), sizes, floors);
        }

        void assertWithinBounds(Point point) {
            for (int i = 0; i < sizes.length; i++) {
                long ceiling = Math.max(floors[i], (long) Math.floor(0.99 * sizes[i]));
                assertTrue(point.pruned(i) >= floors[i] && point.pruned(i) <= ceiling, "tensor " + i + " of " + point);
            }
        }
    }

    @Provide
    Arbitrary<Tensors> tensors() {
        return Combinators.combine(Arbitraries.longs().between(1, 100_000), Arbitraries.doubles().between(0, 0.6))
                .as((size, pruned) -> new long[] {size, (long) (pruned * size)})
                .list().ofMinSize(1).ofMaxSize(6)
                .map(list -> new Tensors(list.stream().mapToLong(t -> t[0]).toArray(),
                        list.stream().mapToLong(t -> t[1]).toArray()));
    }
}
