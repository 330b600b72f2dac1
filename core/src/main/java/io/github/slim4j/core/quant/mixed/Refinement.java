package io.github.slim4j.core.quant.mixed;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The neighbours the hill climb after the greedy plan tries, all within the budget: one unit a
 * format wider, paid for by
 * <ul>
 * <li>another unit a format narrower (a swap of one step between two units), or</li>
 * <li>the other units stepping down by the greedy plan's own rule until the average fits again
 *     ({@link GreedyDescent#repay}), which is the unit widened alone when the budget has room.</li>
 * </ul>
 *
 * <p>Why: the greedy plan never takes a step back, and its last step may overshoot the budget by
 * most of a bit per weight when it falls on the largest layer: at a budget of 5 bits a layer holding
 * 95% of the weights goes from 5.1 bits on average to 4.2, although every layer at 5 bits would fit
 * exactly. No single swap climbs back from there, since one step of a small layer cannot pay for one
 * step of the large one; several steps of the others can, and the repaid neighbour finds them.
 *
 * <p>There are many neighbours and each measurement is a pass over the data, so the estimates
 * choose which to spend measurements on: the estimated gain adds up the changes each unit measured
 * alone ({@link Sensitivity#gain}); neighbours estimated to lose accuracy are left
 * out, and the rest come best first, the swaps before the repaid ones on a tie.
 */
final class Refinement {

    private Refinement() {
    }

    static List<Assignment> neighbours(AllocationSpace space, Ladders ladders, Sensitivity sensitivity, Assignment current) {
        Set<Assignment> neighbours = new LinkedHashSet<>();
        for (int widened = 0; widened < space.units(); widened++) {
            OptionalInt wider = ladders.above(widened, current.choice(widened));
            if (wider.isEmpty()) {
                continue;
            }
            Assignment raised = current.with(widened, wider.getAsInt());
            for (int narrowed = 0; narrowed < space.units(); narrowed++) {
                OptionalInt narrower = ladders.below(narrowed, current.choice(narrowed));
                if (narrowed != widened && narrower.isPresent()) {
                    neighbours.add(raised.with(narrowed, narrower.getAsInt()));
                }
            }
            GreedyDescent.repay(space, ladders, sensitivity, raised, widened).ifPresent(neighbours::add);
        }
        Comparator<Assignment> bestEstimated = Comparator.comparingDouble(neighbour -> -sensitivity.gain(current, neighbour));
        return neighbours.stream()
                .filter(space::fits)
                .filter(neighbour -> sensitivity.gain(current, neighbour) >= 0)
                .sorted(bestEstimated)
                .toList();
    }
}
