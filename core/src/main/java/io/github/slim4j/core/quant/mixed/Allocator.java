package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Runs the allocation's measurements in order (the model as it is, every unit alone at every
 * candidate, the greedy plan, the refinement), measuring each assignment at most once, and keeps
 * the path and the most accurate assignment within the budget. An interrupt ends it with what was
 * measured so far.
 */
final class Allocator {
    /** The most assignments the refinement measures. */
    static final int REFINEMENT_EVALUATIONS = 8;

    private final AllocationSpace space;
    private final AssignmentAccuracy accuracy;
    private final ProgressListener progress;
    private final Map<Assignment, Double> measured = new HashMap<>();
    private final List<AllocationStep> path = new ArrayList<>();
    private long expected;
    private Assignment best;
    private boolean interrupted;

    /** @param progress one unit per assignment measured */
    Allocator(AllocationSpace space, AssignmentAccuracy accuracy, ProgressListener progress) {
        this.space = space;
        this.accuracy = accuracy;
        this.progress = progress;
        // Until the plan is known, the most it can have: every unit stepping down every width.
        this.expected = 1 + (long) space.units() * space.candidates() + (long) space.units() * (space.candidates() - 1) + 1
                + REFINEMENT_EVALUATIONS;
    }

    /** What the allocation found, and the assignment to apply: none when no assignment within the budget was measured. */
    record Outcome(AllocationResult result, Optional<Assignment> best) {
    }

    Outcome run() {
        OptionalDouble baseline = measure(Assignment.unquantized(space.units()), "float");
        if (baseline.isPresent()) {
            sensitivity().ifPresent(this::descendAndRefine);
        }
        Optional<Assignment> chosen = Optional.ofNullable(best);
        AllocationResult result = new AllocationResult(baseline.orElse(Double.NaN),
                chosen.map(space::formats).orElse(Map.of()),
                chosen.map(space::averageBits).orElse(Double.NaN),
                chosen.map(measured::get).orElse(Double.NaN), path, !interrupted);
        return new Outcome(result, chosen);
    }

    private Optional<Sensitivity> sensitivity() {
        double[][] alone = new double[space.units()][space.candidates()];
        for (int unit = 0; unit < space.units(); unit++) {
            for (int candidate = 0; candidate < space.candidates(); candidate++) {
                OptionalDouble value = measure(Assignment.only(space.units(), unit, candidate),
                        space.unit(unit).layer() + " at " + space.candidate(candidate).name());
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                alone[unit][candidate] = value.getAsDouble();
            }
        }
        return Optional.of(new Sensitivity(alone));
    }

    private void descendAndRefine(Sensitivity sensitivity) {
        Ladders ladders = Ladders.of(space, sensitivity);
        List<Assignment> plan = GreedyDescent.plan(space, ladders, sensitivity);
        expected = measured.size() + plan.size() + REFINEMENT_EVALUATIONS;
        int end = plan.size() - 1;
        // The end first: it is within the budget, so an interrupt among the steps before it still leaves an allocation to apply.
        boolean complete = measure(plan.get(end), planLabel(end, plan.get(end))).isPresent()
                && IntStream.range(0, end).allMatch(step -> measure(plan.get(step), planLabel(step, plan.get(step))).isPresent());
        for (int step = 0; step < plan.size(); step++) {
            if (measured.containsKey(plan.get(step))) {
                path.add(step(step, plan.get(step)));
            }
        }
        if (complete) {
            refine(ladders, sensitivity, plan.get(end));
        }
    }

    /**
     * First-improvement hill climbing: measure the neighbours best estimated first, move to the first
     * that measures strictly more accurate, and start again from there; end when no neighbour is
     * better or the refinement's measurements are spent.
     */
    private void refine(Ladders ladders, Sensitivity sensitivity, Assignment start) {
        Assignment current = start;
        int left = REFINEMENT_EVALUATIONS;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Assignment neighbour : Refinement.neighbours(space, ladders, sensitivity, current)) {
                if (!measured.containsKey(neighbour)) {
                    if (left == 0) {
                        return;
                    }
                    left--;
                }
                OptionalDouble value = measure(neighbour, String.format(Locale.ROOT, "refining, %.2f bits", space.averageBits(neighbour)));
                if (value.isEmpty()) {
                    return;
                }
                if (value.getAsDouble() > measured.get(current)) {
                    current = neighbour;
                    path.add(step(path.size(), current));
                    moved = true;
                    break;
                }
            }
        }
    }

    /** The assignment's accuracy, measured now unless it was before; empty when an interrupt stopped the measurement. */
    private OptionalDouble measure(Assignment assignment, String label) {
        Double known = measured.get(assignment);
        if (known != null) {
            return OptionalDouble.of(known);
        }
        OptionalDouble value = accuracy.at(assignment);
        if (value.isEmpty()) {
            interrupted = true;
            return value;
        }
        measured.put(assignment, value.getAsDouble());
        if (assignment.complete() && space.fits(assignment) && (best == null || value.getAsDouble() > measured.get(best))) {
            best = assignment;
        }
        progress.progress(measured.size(), expected, String.format(Locale.ROOT, "%s: accuracy %.1f%%", label,
                100 * value.getAsDouble()));
        return value;
    }

    private String planLabel(int step, Assignment assignment) {
        return String.format(Locale.ROOT, "step %d, %.2f bits", step, space.averageBits(assignment));
    }

    private AllocationStep step(int step, Assignment assignment) {
        Map<String, String> names = new LinkedHashMap<>();
        space.formats(assignment).forEach((tensor, format) -> names.put(tensor, format.name()));
        return new AllocationStep(step, names, space.averageBits(assignment), measured.get(assignment));
    }
}
