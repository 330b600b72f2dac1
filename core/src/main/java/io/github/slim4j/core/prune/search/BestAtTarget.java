package io.github.slim4j.core.prune.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The climb for {@link SearchGoal.TargetSparsity}: the most accurate point with the target's
 * number of entries pruned.
 *
 * <p>It starts at the uniform point, every tensor at the target sparsity (those already pruned
 * beyond it stay as they are), which meets the target and is what pruning without a search does,
 * so the result is never less accurate than that. Neighbours move one tensor's sparsity up or down
 * by δ, δ starting at 5%, while the other tensors move the other way in proportion to their sizes
 * ({@link SearchSpace#shifted}), so every point prunes the same total. The climb moves to the most
 * accurate neighbour when it is strictly more accurate than the current point.
 *
 * <p>When none is, δ doubles, up to 40%. Accuracy on n validation examples moves in steps of 1/n,
 * so small moves around a point often all measure the same: a plateau, which a wider move can
 * cross. After a move δ goes back to 5%, to refine around the new point, as variable neighbourhood
 * search does (Mladenović &amp; Hansen, 1997). The climb ends when stuck at 40%.
 *
 * <p>Better means nearer the target in entries pruned, then more accurate; only the model as given
 * is ever off the target.
 */
final class BestAtTarget implements Climb {
    static final double FIRST_STEP = 0.05;
    static final double WIDEST_STEP = 0.4;

    private final SearchSpace space;
    private final long target;
    private double step = FIRST_STEP;

    /** @param target entries pruned over all the tensors, within the space's bounds */
    BestAtTarget(SearchSpace space, long target) {
        this.space = space;
        this.target = target;
    }

    @Override
    public Point start(Measured asGiven) {
        return space.uniform(target);
    }

    @Override
    public List<Point> neighbours(Point current) {
        List<Point> neighbours = new ArrayList<>();
        for (int tensor = 0; tensor < space.tensors(); tensor++) {
            space.shifted(current, tensor, 1, step).ifPresent(neighbours::add);
            space.shifted(current, tensor, -1, step).ifPresent(neighbours::add);
        }
        return neighbours;
    }

    @Override
    public Optional<Measured> choose(Measured current, List<Measured> neighbours) {
        return neighbours.stream()
                .max(Comparator.comparingDouble(Measured::accuracy))
                .filter(best -> best.accuracy() > current.accuracy());
    }

    @Override
    public void moved() {
        step = FIRST_STEP;
    }

    @Override
    public boolean stuck() {
        if (step >= WIDEST_STEP) {
            return false;
        }
        step = Math.min(2 * step, WIDEST_STEP);
        return true;
    }

    @Override
    public boolean better(Measured candidate, Measured best) {
        long nearer = Math.abs(best.point().total() - target) - Math.abs(candidate.point().total() - target);
        return nearer != 0 ? nearer > 0 : candidate.accuracy() > best.accuracy();
    }
}
