package io.github.slim4j.core.prune.search;

import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs a {@link Climb}: measures the points it asks for, each at most once, within a budget of
 * measurements, and keeps the path and the best point found. The model as given is measured first,
 * as the baseline, then the climb's start, then round after round of neighbours. The climb ends
 * when it has no step left, when the budget is spent, or when an interrupt stops a measurement.
 */
final class Climber {
    private final SearchSpace space;
    private final PointAccuracy accuracy;
    private final int budget;
    private final ProgressListener progress;
    private final Map<Point, Measured> measured = new HashMap<>();
    private final Map<Point, Integer> stepOf = new HashMap<>();
    private final List<SearchStep> path = new ArrayList<>();
    private Measured best;
    private boolean interrupted;

    /**
     * @param budget the most points measured, the baseline included
     * @param progress one unit per point measured, out of the budget
     */
    Climber(SearchSpace space, PointAccuracy accuracy, int budget, ProgressListener progress) {
        this.space = space;
        this.accuracy = accuracy;
        this.budget = budget;
        this.progress = progress;
    }

    /** What a climb found, and the point to leave the model at. */
    record Outcome(SearchResult result, Point best) {
    }

    Outcome run(Climb climb) {
        Optional<Measured> asGiven = measure(space.asGiven(), climb);
        if (asGiven.isEmpty()) {
            return new Outcome(new SearchResult(Double.NaN, space.sparsities(space.asGiven()),
                    space.sparsity(space.asGiven()), Double.NaN, path, false), space.asGiven());
        }
        climb(climb, asGiven.get());
        SearchResult result = new SearchResult(asGiven.get().accuracy(), space.sparsities(best.point()),
                space.sparsity(best.point()), best.accuracy(), path, !interrupted);
        return new Outcome(result, best.point());
    }

    private void climb(Climb climb, Measured asGiven) {
        Optional<Measured> start = measure(climb.start(asGiven), climb);
        if (start.isEmpty()) {
            return;
        }
        Measured current = start.get();
        accept(current);
        while (true) {
            List<Measured> neighbours = new ArrayList<>();
            for (Point point : climb.neighbours(current.point())) {
                Optional<Measured> neighbour = measure(point, climb);
                if (neighbour.isEmpty()) {
                    return;
                }
                neighbours.add(neighbour.get());
            }
            Optional<Measured> next = climb.choose(current, neighbours);
            if (next.isPresent()) {
                current = next.get();
                accept(current);
                climb.moved();
            } else if (!climb.stuck()) {
                return;
            }
        }
    }

    /** The point's accuracy, measured now unless it was before; empty when the budget is spent or an interrupt came. */
    private Optional<Measured> measure(Point point, Climb climb) {
        Measured known = measured.get(point);
        if (known != null) {
            return Optional.of(known);
        }
        if (measured.size() >= budget) {
            return Optional.empty();
        }
        OptionalDouble value = accuracy.at(point);
        if (value.isEmpty()) {
            interrupted = true;
            return Optional.empty();
        }
        Measured fresh = new Measured(point, value.getAsDouble());
        measured.put(point, fresh);
        stepOf.put(point, path.size());
        path.add(new SearchStep(path.size(), space.sparsities(point), space.sparsity(point), fresh.accuracy(), false));
        if (best == null || climb.better(fresh, best)) {
            best = fresh;
        }
        progress.progress(measured.size(), budget, String.format(Locale.ROOT,
                "step %d: sparsity %.1f%%, accuracy %.1f%% (best %.1f%%, %.1f%%)", path.size() - 1,
                100 * space.sparsity(point), 100 * fresh.accuracy(), 100 * space.sparsity(best.point()),
                100 * best.accuracy()));
        return Optional.of(fresh);
    }

    /** Marks the point the climb moved to; a point measured earlier and moved to later is marked where it was measured. */
    private void accept(Measured point) {
        int step = stepOf.get(point.point());
        SearchStep measuredAs = path.get(step);
        path.set(step, new SearchStep(step, measuredAs.sparsities(), measuredAs.overallSparsity(), measuredAs.accuracy(), true));
    }
}
