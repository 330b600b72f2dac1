package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.quant.PowerOfTwoFormat;
import io.github.slim4j.core.quant.WeightFormat;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A made-up allocation problem for the pure parts: three layers of very different sizes and
 * fragility, and an accuracy that loses {@code fragility × ((8 − bits)/6)²} per layer, added up.
 */
final class Units {
    static final List<WeightFormat> CANDIDATES = List.of(new PowerOfTwoFormat(8), new PowerOfTwoFormat(6), new PowerOfTwoFormat(4),
            new PowerOfTwoFormat(2));
    static final int P8 = 0;
    static final int P6 = 1;
    static final int P4 = 2;
    static final int P2 = 3;
    static final double BASELINE = 0.9;

    private static final List<AllocationSpace.Unit> UNITS = List.of(
            new AllocationSpace.Unit("big", List.of("big_W"), 50_000),
            new AllocationSpace.Unit("mid", List.of("mid_W", "mid_RW"), 2_000),
            new AllocationSpace.Unit("small", List.of("small_W"), 320));
    private static final double[] FRAGILITY = {0.02, 0.05, 0.3};

    private Units() {
    }

    static AllocationSpace space(double budget) {
        return new AllocationSpace(UNITS, CANDIDATES, budget);
    }

    /** The made-up accuracy of any assignment, units left float losing nothing. */
    static double accuracy(Assignment assignment) {
        double accuracy = BASELINE;
        for (int unit = 0; unit < assignment.units(); unit++) {
            if (assignment.choice(unit) != Assignment.FLOAT) {
                double gap = (8 - CANDIDATES.get(assignment.choice(unit)).bits()) / 6.0;
                accuracy -= FRAGILITY[unit] * gap * gap;
            }
        }
        return accuracy;
    }

    static AssignmentAccuracy measured() {
        return assignment -> OptionalDouble.of(accuracy(assignment));
    }

    /** The sensitivities the allocation would measure. */
    static Sensitivity sensitivity() {
        double[][] alone = new double[UNITS.size()][CANDIDATES.size()];
        for (int unit = 0; unit < UNITS.size(); unit++) {
            for (int candidate = 0; candidate < CANDIDATES.size(); candidate++) {
                alone[unit][candidate] = accuracy(Assignment.only(UNITS.size(), unit, candidate));
            }
        }
        return new Sensitivity(alone);
    }
}
