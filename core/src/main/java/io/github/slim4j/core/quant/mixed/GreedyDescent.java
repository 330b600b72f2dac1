package io.github.slim4j.core.quant.mixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The greedy plan: from every unit at its widest format, step one unit at a time one format
 * narrower until the average fits the budget, each time taking the step that costs the least
 * estimated accuracy per bit saved,
 * <pre>
 *   cost = max(0, alone(u, current) − alone(u, next)) / (parameters(u) × (bits(current) − bits(next))),
 * </pre>
 * {@code alone} being the accuracy measured with unit u alone quantized ({@link Sensitivity}); ties
 * go to the step that saves more bits, then to the unit first in the model.
 *
 * <p>Why per bit saved: layers differ in size by orders of magnitude (784×64 against 32×10), so a
 * step on a small layer saves almost no bits, and ranked by accuracy alone it would win every time
 * while the budget stays out of reach. Cost per bit is the greedy rule of the knapsack problem:
 * spend accuracy where it buys the most bits. A step that measured better than the current format
 * costs 0, not less, so that noise on a small layer does not outrank a large step that is just as
 * free. The estimate adds up single-layer losses, which real losses do not quite do (errors in
 * successive layers compound), which is why the plan is measured afterwards and then refined.
 *
 * <p>The plan ends within any budget of at least the narrowest candidate's bits: every unit can
 * reach that width.
 */
final class GreedyDescent {
    private static final int NONE_HELD = -1;

    private GreedyDescent() {
    }

    /** The assignments the descent goes through, the widest first and the first within the budget last. */
    static List<Assignment> plan(AllocationSpace space, Ladders ladders, Sensitivity sensitivity) {
        List<Assignment> path = new ArrayList<>(List.of(ladders.top()));
        descend(space, ladders, sensitivity, ladders.top(), NONE_HELD, path);
        return path;
    }

    /**
     * The same descent from {@code start} with one unit held where it is: how the others pay for
     * widening it. {@code start} itself when it fits already; empty when the others cannot go low enough.
     */
    static Optional<Assignment> repay(AllocationSpace space, Ladders ladders, Sensitivity sensitivity, Assignment start, int held) {
        return descend(space, ladders, sensitivity, start, held, new ArrayList<>());
    }

    /** Steps down until the assignment fits, adding each step to {@code path}; empty when no unit but the held one can step. */
    private static Optional<Assignment> descend(AllocationSpace space, Ladders ladders, Sensitivity sensitivity, Assignment start,
                                                int held, List<Assignment> path) {
        Assignment current = start;
        while (!space.fits(current)) {
            Optional<Assignment> next = cheapestStep(space, ladders, sensitivity, current, held);
            if (next.isEmpty()) {
                return next;
            }
            current = next.get();
            path.add(current);
        }
        return Optional.of(current);
    }

    private static Optional<Assignment> cheapestStep(AllocationSpace space, Ladders ladders, Sensitivity sensitivity,
                                                     Assignment current, int held) {
        Optional<Assignment> best = Optional.empty();
        double bestCost = Double.POSITIVE_INFINITY;
        long bestSaved = 0;
        for (int unit = 0; unit < space.units(); unit++) {
            int from = current.choice(unit);
            OptionalInt next = ladders.below(unit, from);
            if (unit == held || next.isEmpty()) {
                continue;
            }
            long saved = space.bitsSaved(unit, from, next.getAsInt());
            double cost = Math.max(0, sensitivity.alone(unit, from) - sensitivity.alone(unit, next.getAsInt())) / saved;
            if (best.isEmpty() || cost < bestCost || cost == bestCost && saved > bestSaved) {
                best = Optional.of(current.with(unit, next.getAsInt()));
                bestCost = cost;
                bestSaved = saved;
            }
        }
        return best;
    }
}
