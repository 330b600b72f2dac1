package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * N:M semi-structured sparsity: in every group of M consecutive entries along the input axis, keep
 * the N largest |w|. Keeping the N largest, the first stored winning ties, is selecting the N
 * smallest of the negated magnitude keys; a masked entry's key negates to above every other, so it
 * is kept last and stays masked (the new mask is ANDed with the old).
 */
final class NofMMasks implements MaskPlanner {
    private final Criterion.NofM pattern;

    NofMMasks(Criterion.NofM pattern) {
        this.pattern = pattern;
    }

    /** The amount is ignored: the pattern fixes the share. */
    @Override
    public List<TensorPlan> plan(List<Target> targets, Amount amount, Scope scope) {
        int[] axes = targets.stream().mapToInt(this::inputAxis).toArray();
        List<TensorPlan> plans = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            plans.add(plan(targets.get(i), axes[i]));
        }
        return plans;
    }

    private int inputAxis(Target target) {
        if (target.rank() == 0) {
            throw new Slim4jException(label() + " sparsity needs a tensor with an input axis; " + target.name() + " is a scalar");
        }
        int axis = target.axes().input();
        long size = target.dense().size(axis);
        if (size % pattern.m() != 0) {
            throw new Slim4jException(label() + " sparsity groups " + pattern.m() + " weights along the input axis, but "
                    + target.name() + " has " + size + " there (axis " + axis + "); the size must be a multiple of " + pattern.m());
        }
        return axis;
    }

    private TensorPlan plan(Target target, int axis) {
        int[] keys = EntryKeys.magnitudes(target);
        long[] keep = target.before().words();
        AxisRuns runs = AxisRuns.of(target.dense(), axis);
        int m = pattern.m();
        int[] group = new int[m];
        for (int line = 0; line < runs.lines(); line++) {
            int start = runs.lineStart(line);
            for (int first = 0; first < runs.size(); first += m) {
                for (int j = 0; j < m; j++) {
                    group[j] = -keys[start + (first + j) * runs.stride()];
                }
                Cut.Taker kept = SmallestKeys.of(group, pattern.n()).taker();
                for (int j = 0; j < m; j++) {
                    if (!kept.select(group[j])) {
                        KeepBits.clear(keep, start + (first + j) * runs.stride());
                    }
                }
            }
        }
        return new TensorPlan(target, new Mask(keep, target.length()), OptionalDouble.empty());
    }

    private String label() {
        return pattern.n() + ":" + pattern.m();
    }
}
