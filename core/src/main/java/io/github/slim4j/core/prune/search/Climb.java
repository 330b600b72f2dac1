package io.github.slim4j.core.prune.search;

import java.util.List;
import java.util.Optional;

/**
 * One goal's rules for the hill climb: where to start, which points neighbour the current one, which
 * neighbour to move to, how the step changes, and which of two points is better. Pure logic over
 * points and accuracies; {@link Climber} does the measuring.
 */
sealed interface Climb permits SparsestWithinDrop, BestAtTarget {

    /**
     * The climb for a goal.
     *
     * @throws io.github.slim4j.core.Slim4jException when a target sparsity is out of the space's reach
     */
    static Climb of(SearchGoal goal, SearchSpace space) {
        if (goal instanceof SearchGoal.TargetSparsity target) {
            return new BestAtTarget(space, space.targetEntries(target.sparsity()));
        }
        return new SparsestWithinDrop(space, ((SearchGoal.MaxDrop) goal).drop());
    }

    /** The point to climb from, given the model as it comes ({@link SearchSpace#asGiven()}) and its accuracy. */
    Point start(Measured asGiven);

    /** The points one step from {@code current}, at the current step size. */
    List<Point> neighbours(Point current);

    /** The neighbour to move to, or empty when none will do: the climb is stuck at this step size. */
    Optional<Measured> choose(Measured current, List<Measured> neighbours);

    /** Adjusts the step after a move. */
    void moved();

    /** Adjusts the step after getting stuck; false when there is no step left to try, which ends the climb. */
    boolean stuck();

    /** Whether {@code candidate} serves the goal better than {@code best}. */
    boolean better(Measured candidate, Measured best);
}
