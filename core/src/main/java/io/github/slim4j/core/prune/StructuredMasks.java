package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

import java.util.ArrayList;
import java.util.List;

/**
 * Structured pruning, as {@code ln_structured}: whole channels along one axis, ranked by their L1
 * or L2 norm over every other axis, the lower channel index pruned first among equal norms. Norms
 * add up in double and are ranked as float, the precision PyTorch computes them in. A channel whose
 * entries are all masked ranks below every norm, so an earlier structured prune's channels are
 * pruned again first.
 */
final class StructuredMasks implements MaskPlanner {
    private final Criterion.Structured criterion;

    StructuredMasks(Criterion.Structured criterion) {
        this.criterion = criterion;
    }

    @Override
    public List<TensorPlan> plan(List<Target> targets, Amount amount, Scope scope) {
        int[] dims = targets.stream().mapToInt(this::dim).toArray();
        long[] counts = new long[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            counts[i] = PruneCount.of(amount, target.dense().size(dims[i]), "channels", target.name() + " along axis " + dims[i]);
        }
        List<TensorPlan> plans = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            plans.add(plan(targets.get(i), dims[i], counts[i]));
        }
        return plans;
    }

    /** The channel axis: the criterion's, counted from the end when negative as in PyTorch, else the output axis. */
    private int dim(Target target) {
        int rank = target.rank();
        if (rank < 2) {
            throw new Slim4jException("structured pruning needs a tensor of rank 2 or more; " + target.name()
                    + " has rank " + rank);
        }
        if (criterion.dim().isEmpty()) {
            return target.axes().output();
        }
        int dim = criterion.dim().getAsInt();
        if (dim < -rank || dim >= rank) {
            throw new Slim4jException("dim " + dim + " is out of range for " + target.name() + " of rank " + rank
                    + "; allowed: " + -rank + " to " + (rank - 1));
        }
        return dim < 0 ? dim + rank : dim;
    }

    private TensorPlan plan(Target target, int dim, long count) {
        int[] keys = EntryKeys.magnitudes(target);
        AxisRuns runs = AxisRuns.of(target.dense(), dim);
        int[] channelKeys = channelKeys(keys, runs);
        Cut.Taker taker = SmallestKeys.of(channelKeys, count).taker();
        long tiesBefore = taker.tiesLeft();
        boolean[] pruned = new boolean[channelKeys.length];
        for (int channel = 0; channel < pruned.length; channel++) {
            pruned[channel] = taker.select(channelKeys[channel]);
        }
        long[] keep = target.before().words();
        for (int run = 0; run < runs.runs(); run++) {
            if (pruned[runs.coordinate(run)]) {
                KeepBits.clear(keep, run * runs.stride(), (run + 1) * runs.stride());
            }
        }
        return new TensorPlan(target, new Mask(keep, target.length()),
                TensorPlan.threshold(taker.largestSelected(channelKeys, tiesBefore)));
    }

    /** Each channel's norm as float bits, or {@link EntryKeys#MASKED} when every entry of it is masked. */
    private int[] channelKeys(int[] keys, AxisRuns runs) {
        double[] sums = new double[runs.size()];
        int[] masked = new int[runs.size()];
        for (int run = 0; run < runs.runs(); run++) {
            int channel = runs.coordinate(run);
            int from = run * runs.stride();
            for (int i = from; i < from + runs.stride(); i++) {
                if (keys[i] == EntryKeys.MASKED) {
                    masked[channel]++;
                } else {
                    float magnitude = Float.intBitsToFloat(keys[i]);
                    sums[channel] += criterion.norm() == 1 ? magnitude : (double) magnitude * magnitude;
                }
            }
        }
        int perChannel = runs.entries() / Math.max(1, runs.size());
        int[] channelKeys = new int[sums.length];
        for (int channel = 0; channel < sums.length; channel++) {
            float norm = (float) (criterion.norm() == 1 ? sums[channel] : Math.sqrt(sums[channel]));
            channelKeys[channel] = masked[channel] == perChannel ? EntryKeys.MASKED
                    : Float.floatToRawIntBits(norm) & Integer.MAX_VALUE;
        }
        return channelKeys;
    }
}
