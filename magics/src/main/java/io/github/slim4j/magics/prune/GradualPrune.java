package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorPruning;
import io.github.slim4j.core.prune.schedule.AgpSchedule;
import io.github.slim4j.core.prune.schedule.GradualPruning;
import io.github.slim4j.core.prune.schedule.GradualResult;
import io.github.slim4j.core.prune.schedule.GradualStep;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.ProgressBar;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import io.github.slim4j.core.train.LearningRate;
import io.github.slim4j.magics.train.LearningRateOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code %prune MODEL --schedule agp --final S --steps K --train ITER}: sparsity rising along the
 * AGP curve from 0, with fine-tuning after each step.
 */
final class GradualPrune {

    private GradualPrune() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        Criterion criterion = PruneOptions.criterion(arguments);
        if (criterion instanceof Criterion.NofM) {
            throw new MagicException("%prune: --schedule agp raises sparsity step by step; --method nm has a fixed N:M sparsity");
        }
        if (!model.isNetwork()) {
            throw new MagicException("%prune: --schedule agp fine-tunes between steps, so MODEL must be a DL4J network, not "
                    + (model.kind().startsWith("I") ? "an " : "a ") + model.kind());
        }
        double finalSparsity = arguments.optional(PruneOptions.FINAL).orElseThrow();
        AgpSchedule schedule = new AgpSchedule(0, finalSparsity, Math.toIntExact(arguments.optional(PruneOptions.STEPS).orElseThrow()));
        Selection selection = PruneOptions.selection(arguments);
        PruneSpec spec = new PruneSpec(criterion, new Amount.Fraction(finalSparsity), PruneOptions.scope(arguments), selection);
        List<ParamTensor> tensors = selection.apply(model);
        ZeroCounts before = ZeroCounts.of(tensors);

        ProgressBar bar = context.out().progress("AGP pruning of " + name);
        GradualResult result;
        try (LearningRate rate = LearningRateOption.during(arguments, model)) {
            result = GradualPruning.run(model, spec, schedule, arguments.optional(PruneOptions.TRAIN).orElseThrow().value(),
                    Math.toIntExact(arguments.get(PruneOptions.EPOCHS)), bar);
        }
        String figure = figure(result);
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.completed().size(), result.stepsRequested(), figure);
        }
        context.out().table(steps(name, result));
        List<TensorPruning> rows = before.to(tensors);
        Table table = PruneTable.of("pruning of " + name, rows);
        context.out().table(table);
        context.out().chart(SparsityBars.beforeAndAfter(name + ": sparsity per tensor", rows));
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, String.format(Locale.ROOT, "%s keeps the end of step %d of %d",
                        name, result.completed().size(), result.stepsRequested()));
    }

    private static String figure(GradualResult result) {
        List<GradualStep> steps = result.completed();
        if (steps.isEmpty()) {
            return "no step completed";
        }
        GradualStep last = steps.get(steps.size() - 1);
        return String.format(Locale.ROOT, "%d of %d steps, sparsity %.1f%%, loss %.4f",
                steps.size(), result.stepsRequested(), 100 * last.achieved(), last.lastLoss());
    }

    private static Table steps(String name, GradualResult result) {
        IntColumn step = IntColumn.create("step");
        DoubleColumn target = DoubleColumn.create("target sparsity");
        DoubleColumn achieved = DoubleColumn.create("sparsity");
        DoubleColumn loss = DoubleColumn.create("loss after fine-tuning");
        for (GradualStep each : result.completed()) {
            step.append(each.step());
            target.append(each.target());
            achieved.append(each.achieved());
            loss.append(each.lastLoss());
        }
        target.setPrintFormatter(NumberColumnFormatter.percent(1));
        achieved.setPrintFormatter(NumberColumnFormatter.percent(1));
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        return Table.create("AGP steps of " + name, step, target, achieved, loss);
    }
}
