package io.github.slim4j.core.prune.schedule;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneReport;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.NetworkSnapshot;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.train.Trainer;
import io.github.slim4j.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Gradual pruning: at each step of an {@link AgpSchedule}, prune to the step's target with the
 * spec's criterion, scope and selection (its amount is ignored), then fine-tune for some epochs,
 * the masks holding the pruned weights at zero.
 *
 * <p>Why gradually: pruning 90% of the weights at once removes many that the network still relies
 * on, and fine-tuning afterwards has to recover from a large loss. Small prunes with training in
 * between let the remaining weights take over the work of those about to go, and the cubic schedule
 * prunes most while many weights are redundant and least near the end, where each one counts.
 *
 * <p>An interrupt stops the run and puts the model back as it was at the end of the last completed
 * step (weights, masks, updater state and counters), which the result reports; the thread's
 * interrupt flag stays set. A failure is all-or-nothing: the model gets back the state it had
 * before the run and the exception is rethrown.
 */
public final class GradualPruning {
    private static final String TASK = "gradual pruning";

    private GradualPruning() {
    }

    /**
     * @param progress reports batches over the whole run, with details such as
     *                 "step 3/8 (sparsity 71.2%), epoch 1/1, batch 40/94, loss 0.41"
     * @throws Slim4jException when the model is not a DL4J network, {@code epochsPerStep} is below
     *     1, the criterion is N:M (whose pattern fixes the sparsity, so there is nothing to
     *     schedule), or the data cannot rewind for a second pass; the model is then unchanged
     */
    public static GradualResult run(ModelHandle model, PruneSpec spec, AgpSchedule schedule, DataSetIterator train,
                                    int epochsPerStep, ProgressListener progress) {
        check(spec, schedule, train, epochsPerStep);
        NetworkSnapshot start = NetworkSnapshot.of(model, TASK);
        try {
            return steps(model, spec, schedule, train, epochsPerStep, progress, start);
        } catch (RuntimeException failure) {
            start.restore();
            throw failure;
        }
    }

    private static GradualResult steps(ModelHandle model, PruneSpec spec, AgpSchedule schedule, DataSetIterator train,
                                       int epochsPerStep, ProgressListener progress, NetworkSnapshot start) {
        List<GradualStep> completed = new ArrayList<>();
        NetworkSnapshot lastCompleted = start;
        long batchesBefore = 0;
        for (int t = 1; t <= schedule.steps(); t++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            double target = schedule.at(t);
            PruneReport pruned = Pruner.prune(model,
                    new PruneSpec(spec.criterion(), new Amount.Fraction(target), spec.scope(), spec.selection()));
            TrainingResult tuned = Trainer.fit(model, train, epochsPerStep,
                    stepProgress(progress, t, schedule.steps(), pruned.sparsityAfter(), batchesBefore));
            if (!tuned.complete()) {
                break;
            }
            batchesBefore += tuned.batches();
            completed.add(new GradualStep(t, target, pruned.sparsityAfter(), tuned.lastLoss()));
            lastCompleted = NetworkSnapshot.of(model, TASK);
        }
        boolean complete = completed.size() == schedule.steps();
        if (!complete) {
            lastCompleted.restore();
        }
        return new GradualResult(completed, schedule.steps(), complete);
    }

    /**
     * The trainer's progress within one step, as progress over the whole run: every step trains on
     * the same data for the same epochs, so the run's total is the step's total times the steps.
     */
    private static ProgressListener stepProgress(ProgressListener progress, int step, int steps, double sparsity,
                                                 long batchesBefore) {
        String prefix = String.format(Locale.ROOT, "step %d/%d (sparsity %.1f%%), ", step, steps, 100 * sparsity);
        return (done, total, detail) -> progress.progress(batchesBefore + done, total < 0 ? -1 : total * steps,
                prefix + detail);
    }

    private static void check(PruneSpec spec, AgpSchedule schedule, DataSetIterator train, int epochsPerStep) {
        if (epochsPerStep < 1) {
            throw new Slim4jException("epochsPerStep must be at least 1, got " + epochsPerStep);
        }
        if (spec.criterion() instanceof Criterion.NofM pattern) {
            throw new Slim4jException("gradual pruning needs magnitude, random or structured pruning; N:M ("
                    + pattern.n() + ":" + pattern.m() + ") fixes its own sparsity");
        }
        long passes = (long) schedule.steps() * epochsPerStep;
        if (passes > 1) {
            BatchLoop.requireReset(train, "gradual pruning passes over the data " + passes + " times");
        }
    }
}
