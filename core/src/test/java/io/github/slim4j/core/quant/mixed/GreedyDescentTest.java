package io.github.slim4j.core.quant.mixed;

import static io.github.slim4j.core.quant.mixed.Units.P2;
import static io.github.slim4j.core.quant.mixed.Units.P4;
import static io.github.slim4j.core.quant.mixed.Units.P6;
import static io.github.slim4j.core.quant.mixed.Units.P8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GreedyDescentTest {

    @Test
    void theLargeRobustLayerGivesUpBitsFirstAndTheSmallFragileOneKeepsThem() {
        AllocationSpace space = Units.space(4);
        List<Assignment> plan = GreedyDescent.plan(space, Ladders.of(space, Units.sensitivity()), Units.sensitivity());
        assertEquals(List.of(Assignment.of(P8, P8, P8), Assignment.of(P6, P8, P8), Assignment.of(P4, P8, P8),
                Assignment.of(P2, P8, P8)), plan);
    }

    @Test
    void perBitNotPerStep() {
        // A step of "small" saves 640 bits, one of "mid" 4,000: per bit saved, small's first step (a loss of 0.033) costs
        // 5e-5, more than any step of mid (at most 0.028 / 4,000 = 7e-6), so mid goes down to 2 bits before small moves.
        AllocationSpace space = Units.space(2.1);
        List<Assignment> plan = GreedyDescent.plan(space, Ladders.of(space, Units.sensitivity()), Units.sensitivity());
        Assignment end = plan.get(plan.size() - 1);
        assertEquals(Assignment.of(P2, P2, P8), end);
    }

    @Test
    void aBudgetTheWidestFitsNeedsNoStep() {
        AllocationSpace space = Units.space(8);
        assertEquals(List.of(Assignment.of(P8, P8, P8)),
                GreedyDescent.plan(space, Ladders.of(space, Units.sensitivity()), Units.sensitivity()));
    }

    @Property(tries = 200)
    void everyStepLowersOneLayerOneRungAndOnlyTheEndFits(@ForAll @DoubleRange(min = 2, max = 8) double budget) {
        AllocationSpace space = Units.space(budget);
        List<Assignment> plan = GreedyDescent.plan(space, Ladders.of(space, Units.sensitivity()), Units.sensitivity());
        assertEquals(Assignment.of(P8, P8, P8), plan.get(0));
        for (int step = 1; step < plan.size(); step++) {
            assertFalse(space.fits(plan.get(step - 1)));
            int changed = 0;
            for (int unit = 0; unit < 3; unit++) {
                int before = plan.get(step - 1).choice(unit);
                int after = plan.get(step).choice(unit);
                if (before != after) {
                    changed++;
                    assertEquals(before + 1, after);
                }
            }
            assertEquals(1, changed);
        }
        assertTrue(space.fits(plan.get(plan.size() - 1)));
        assertTrue(space.averageBits(plan.get(plan.size() - 1)) <= budget);
    }
}
