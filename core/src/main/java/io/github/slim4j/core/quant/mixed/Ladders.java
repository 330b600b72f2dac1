package io.github.slim4j.core.quant.mixed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The formats each unit steps down through, widest first: one candidate per width, so that every
 * step saves bits. Where several candidates share a width (int4 and pow2:4, say) a unit takes the
 * one it measured most accurate with alone, the first given on a tie: at the same cost in bits,
 * the others can only do worse by that measure.
 */
final class Ladders {
    private final int[][] rungs;

    private Ladders(int[][] rungs) {
        this.rungs = rungs;
    }

    static Ladders of(AllocationSpace space, Sensitivity sensitivity) {
        int[][] rungs = new int[space.units()][];
        for (int unit = 0; unit < space.units(); unit++) {
            int u = unit;
            List<Integer> widestFirst = IntStream.range(0, space.candidates()).boxed()
                    .sorted(Comparator.comparingInt((Integer c) -> -space.bits(c))
                            .thenComparingDouble(c -> -sensitivity.alone(u, c)))
                    .toList();
            List<Integer> ladder = new ArrayList<>();
            for (int candidate : widestFirst) {
                if (ladder.isEmpty() || space.bits(ladder.get(ladder.size() - 1)) != space.bits(candidate)) {
                    ladder.add(candidate);
                }
            }
            rungs[unit] = ladder.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Ladders(rungs);
    }

    /** Every unit at its widest format. */
    Assignment top() {
        int[] choices = new int[rungs.length];
        for (int unit = 0; unit < rungs.length; unit++) {
            choices[unit] = rungs[unit][0];
        }
        return Assignment.of(choices);
    }

    /** The unit's next narrower format after {@code candidate}, a format on its ladder; empty at the bottom. */
    OptionalInt below(int unit, int candidate) {
        int rung = rung(unit, candidate);
        return rung + 1 < rungs[unit].length ? OptionalInt.of(rungs[unit][rung + 1]) : OptionalInt.empty();
    }

    /** The unit's next wider format; empty at the top. */
    OptionalInt above(int unit, int candidate) {
        int rung = rung(unit, candidate);
        return rung > 0 ? OptionalInt.of(rungs[unit][rung - 1]) : OptionalInt.empty();
    }

    private int rung(int unit, int candidate) {
        int[] ladder = rungs[unit];
        for (int rung = 0; rung < ladder.length; rung++) {
            if (ladder[rung] == candidate) {
                return rung;
            }
        }
        throw new IllegalArgumentException("candidate " + candidate + " is not on the ladder of unit " + unit);
    }
}
