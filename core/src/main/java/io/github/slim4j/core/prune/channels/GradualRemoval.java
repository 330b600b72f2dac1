package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.schedule.AgpSchedule;
import io.github.slim4j.core.train.LearningRate;
import io.github.slim4j.core.train.Trainer;
import io.github.slim4j.core.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Channel removal along the AGP schedule (Zhu &amp; Gupta's cubic curve, over structured levels): at
 * each step, channels are removed until the step's share of the original's removable channels is
 * gone, and the smaller model is fine-tuned before the next step. Removing half of a network's
 * channels at once takes away much of what it computes; in steps, the channels that stay take over
 * the work of those about to go.
 *
 * <p>Each step makes a new model, so the original is never changed. An interrupt stops the run and
 * keeps the model of the last completed step; the thread's interrupt flag stays set.
 */
public final class GradualRemoval {
    private GradualRemoval() {
    }

    /**
     * @param request the final share of channels to remove (a fraction), and how to choose them
     * @param rate a learning rate for the fine-tuning, or empty for each model's own
     * @param progress reports batches over the whole run, with details such as
     *     "step 2/4 (channels removed 31.2%), epoch 1/1, batch 40/94, loss 0.41"
     * @throws Slim4jException when the amount is a count, {@code epochsPerStep} is below 1, the
     *     data cannot rewind for a second pass, or the model's channels cannot be removed
     */
    public static GradualRemovalResult run(ModelHandle model, ChannelRequest request, int steps, DataSetIterator train, int epochsPerStep,
            OptionalDouble rate, ProgressListener progress) {
        if (!(request.amount() instanceof Amount.Fraction fraction)) {
            throw new Slim4jException("gradual channel removal needs the final share of channels as a fraction, got a count");
        }
        if (epochsPerStep < 1) {
            throw new Slim4jException("epochsPerStep must be at least 1, got " + epochsPerStep);
        }
        AgpSchedule schedule = new AgpSchedule(0, fraction.value(), steps);
        if ((long) steps * epochsPerStep > 1) {
            BatchLoop.requireReset(train, "gradual channel removal passes over the data " + (long) steps * epochsPerStep + " times");
        }
        List<GradualRemovalStep> completed = new ArrayList<>();
        ModelHandle current = model;
        ChannelCut first = null;
        ChannelCut last = null;
        double removed = 0;
        long batchesBefore = 0;
        for (int t = 1; t <= steps && !Thread.currentThread().isInterrupted(); t++) {
            double target = schedule.at(t);
            // The step's share of what is left, so that the original's share gone reaches the target.
            double share = Math.max(0, 1 - (1 - target) / (1 - removed));
            ChannelCut cut = Channels.remove(current, new ChannelRequest(new Amount.Fraction(Math.min(1, share)), request.scope(), request.norm(),
                    request.roundTo()));
            double removedAfter = 1 - (double) removableKept(cut) / removableTotal(first == null ? cut : first);
            TrainingResult tuned;
            try (LearningRate ignored = rate.isPresent() ? LearningRate.during(cut.model(), rate.getAsDouble()) : LearningRate.unchanged()) {
                tuned = Trainer.fit(cut.model(), train, epochsPerStep, stepProgress(progress, t, steps, removedAfter, batchesBefore));
            }
            if (!tuned.complete()) {
                break;
            }
            batchesBefore += tuned.batches();
            first = first == null ? cut : first;
            last = cut;
            current = cut.model();
            removed = removedAfter;
            completed.add(new GradualRemovalStep(t, target, removedAfter, cut.macsAfter(), tuned.lastLoss()));
        }
        return new GradualRemovalResult(completed, steps, first == null ? Optional.empty() : Optional.of(overall(first, last)));
    }

    private static long removableTotal(ChannelCut cut) {
        return cut.groups().stream().filter(group -> group.pinned().isEmpty()).mapToLong(ChannelGroup::total).sum();
    }

    private static long removableKept(ChannelCut cut) {
        return cut.groups().stream().filter(group -> group.pinned().isEmpty()).mapToLong(ChannelGroup::kept).sum();
    }

    /** The first step's model before against the last step's after, group by group: every step finds the same groups in the same order. */
    private static ChannelCut overall(ChannelCut first, ChannelCut last) {
        List<ChannelGroup> groups = new ArrayList<>();
        for (int i = 0; i < first.groups().size(); i++) {
            ChannelGroup before = first.groups().get(i);
            ChannelGroup after = last.groups().get(i);
            groups.add(new ChannelGroup(before.number(), before.layers(), after.kept(), before.total(), before.macsBefore(), after.macsAfter(),
                    before.pinned()));
        }
        return new ChannelCut(last.model(), groups, first.macsBefore(), last.macsAfter(), first.parametersBefore(), last.parametersAfter());
    }

    private static ProgressListener stepProgress(ProgressListener progress, int step, int steps, double removed, long batchesBefore) {
        String prefix = String.format(Locale.ROOT, "step %d/%d (channels removed %.1f%%), ", step, steps, 100 * removed);
        return (done, total, detail) -> progress.progress(batchesBefore + done, total < 0 ? -1 : total * steps, prefix + detail);
    }
}
