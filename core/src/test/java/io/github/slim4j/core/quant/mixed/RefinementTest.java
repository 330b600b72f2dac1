package io.github.slim4j.core.quant.mixed;

import static io.github.slim4j.core.quant.mixed.Units.P2;
import static io.github.slim4j.core.quant.mixed.Units.P4;
import static io.github.slim4j.core.quant.mixed.Units.P6;
import static io.github.slim4j.core.quant.mixed.Units.P8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefinementTest {

    @Test
    void neighboursFitTheBudgetAreNotEstimatedWorseAndComeBestFirst() {
        // The descent to 4.11 bits overshoots to 2.27 by taking "big" from 4 to 2 bits.
        AllocationSpace space = Units.space(4.11);
        Sensitivity sensitivity = Units.sensitivity();
        Ladders ladders = Ladders.of(space, sensitivity);

        List<Assignment> neighbours = Refinement.neighbours(space, ladders, sensitivity, Assignment.of(P2, P8, P8));

        // big back to 4 bits paid for by mid at 6 (+0.0111 − 0.0056) fits; big at 4 alone (4.18 bits) or paid for
        // by small (4.165) does not.
        assertEquals(List.of(Assignment.of(P4, P6, P8)), neighbours);
    }

    @Test
    void whenNoSingleSwapPaysForAStepTheOthersRepayItByTheGreedyRule() {
        // One step of "big" (1000 weights) costs 2000 bits and the budget has 1600 left over: two steps of the small
        // layers must pay, and "a" steps down twice since that costs the least accuracy per bit.
        AllocationSpace space = new AllocationSpace(List.of(new AllocationSpace.Unit("big", List.of("big_W"), 1000),
                new AllocationSpace.Unit("a", List.of("a_W"), 100), new AllocationSpace.Unit("b", List.of("b_W"), 100)),
                Units.CANDIDATES, 6);
        Sensitivity sensitivity = new Sensitivity(new double[][] {{0.9, 0.9, 0.8, 0.5}, {0.9, 0.895, 0.88, 0.6},
            {0.9, 0.85, 0.8, 0.6}});

        List<Assignment> neighbours = Refinement.neighbours(space, Ladders.of(space, sensitivity), sensitivity,
                Assignment.of(P4, P8, P8));

        assertEquals(List.of(Assignment.of(P6, P4, P8)), neighbours);
    }

    @Test
    void atTheWidestThereIsNothingToWiden() {
        AllocationSpace space = Units.space(8);
        assertEquals(List.of(), Refinement.neighbours(space, Ladders.of(space, Units.sensitivity()), Units.sensitivity(),
                Assignment.of(P8, P8, P8)));
    }

    @Test
    void withRoomLeftWideningAloneComesFirst() {
        AllocationSpace space = Units.space(3);
        Sensitivity sensitivity = Units.sensitivity();
        List<Assignment> neighbours = Refinement.neighbours(space, Ladders.of(space, sensitivity), sensitivity,
                Assignment.of(P2, P4, P4));
        // small at 6 bits alone gains 0.1 for 0.01 bits; mid at 6 alone gains 0.017.
        assertEquals(Assignment.of(P2, P4, P6), neighbours.get(0));
        assertEquals(Assignment.of(P2, P6, P4), neighbours.get(2));
    }
}
