package io.github.slim4j.core.quant.mixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.quant.FixedPointFormat;
import io.github.slim4j.core.quant.PowerOfTwoFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LaddersTest {

    @Test
    void oneRungPerWidthWidestFirstEachLayerTakingItsMostAccurateFormatOfAWidth() {
        // Candidates in any order: 4 bits twice (pow2:4 and Q1.2), 8 bits, 2 bits.
        AllocationSpace space = new AllocationSpace(List.of(new AllocationSpace.Unit("a", List.of("a_W"), 10),
                new AllocationSpace.Unit("b", List.of("b_W"), 10)),
                List.of(new PowerOfTwoFormat(4), new FixedPointFormat(1, 2), new PowerOfTwoFormat(8), new PowerOfTwoFormat(2)), 4);
        Sensitivity sensitivity = new Sensitivity(new double[][] {{0.5, 0.7, 0.9, 0.1}, {0.8, 0.7, 0.9, 0.1}});

        Ladders ladders = Ladders.of(space, sensitivity);

        assertEquals(Assignment.of(2, 2), ladders.top());
        assertEquals(OptionalInt.of(1), ladders.below(0, 2));
        assertEquals(OptionalInt.of(0), ladders.below(1, 2));
        assertEquals(OptionalInt.of(3), ladders.below(0, 1));
        assertEquals(OptionalInt.empty(), ladders.below(0, 3));
        assertEquals(OptionalInt.of(1), ladders.above(0, 3));
        assertEquals(OptionalInt.of(0), ladders.above(1, 3));
        assertEquals(OptionalInt.empty(), ladders.above(1, 2));
    }
}
