package io.github.slim4j.core.prune.search;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The climb for {@link SearchGoal.MaxDrop}: the sparsest point whose accuracy is at most
 * {@code drop} below the model as given.
 *
 * <p>It starts at the model as given, feasible by definition, and only prunes further: neighbour i
 * raises tensor i by δ of its entries, δ starting at 10%. Of the feasible neighbours (accuracy at
 * least baseline − drop) it moves to the one that costs the least accuracy per sparsity gained,
 * <pre>
 *   cost = max(0, acc(current) − acc(neighbour)) / (s(neighbour) − s(current)),
 * </pre>
 * ties going to the larger gain, s being the overall sparsity. Why not simply the most accurate
 * neighbour: tensors differ in size by orders of magnitude (784×64 against 64×10), and raising a
 * small one by δ gains almost no sparsity, so costs almost no accuracy; ranked by accuracy alone it
 * would win every time and spend the budget on nothing. Cost per gain is the greedy rule of the
 * fractional knapsack: spend the accuracy budget where it buys the most sparsity. A neighbour that
 * measures better than the current point costs 0, not less, so that noise on a tiny move does not
 * outrank a large move that is just as free.
 *
 * <p>When no neighbour is feasible the accuracy budget binds at this step: δ halves, to see whether
 * a smaller move still fits, and the climb ends when δ falls below 1%.
 *
 * <p>Better means feasible, then sparser, then more accurate.
 */
final class SparsestWithinDrop implements Climb {
    static final double FIRST_STEP = 0.1;
    static final double FINEST_STEP = 0.01;

    private final SearchSpace space;
    private final double drop;
    private double leastAccuracy = Double.NaN;
    private double step = FIRST_STEP;

    SparsestWithinDrop(SearchSpace space, double drop) {
        this.space = space;
        this.drop = drop;
    }

    @Override
    public Point start(Measured asGiven) {
        leastAccuracy = asGiven.accuracy() - drop;
        return asGiven.point();
    }

    @Override
    public List<Point> neighbours(Point current) {
        return IntStream.range(0, space.tensors())
                .mapToObj(tensor -> space.raised(current, tensor, step))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public Optional<Measured> choose(Measured current, List<Measured> neighbours) {
        Comparator<Measured> cheapest = Comparator.comparingDouble((Measured next) -> cost(current, next))
                .thenComparing(Comparator.comparingLong((Measured next) -> next.point().total()).reversed());
        return neighbours.stream().filter(this::feasible).min(cheapest);
    }

    private double cost(Measured current, Measured next) {
        double lost = Math.max(0, current.accuracy() - next.accuracy());
        return lost / (next.point().total() - current.point().total());
    }

    @Override
    public void moved() {
        // The step stays: moves that fit the budget once are likely to fit again.
    }

    @Override
    public boolean stuck() {
        step /= 2;
        return step >= FINEST_STEP;
    }

    @Override
    public boolean better(Measured candidate, Measured best) {
        if (feasible(candidate) != feasible(best)) {
            return feasible(candidate);
        }
        long sparser = candidate.point().total() - best.point().total();
        return sparser != 0 ? sparser > 0 : candidate.accuracy() > best.accuracy();
    }

    private boolean feasible(Measured point) {
        return point.accuracy() >= leastAccuracy;
    }
}
