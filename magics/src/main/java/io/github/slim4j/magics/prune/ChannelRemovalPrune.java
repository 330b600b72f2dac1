package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelCut;
import io.github.slim4j.core.prune.channels.ChannelGroup;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.core.prune.channels.Channels;
import io.github.slim4j.core.prune.channels.GradualRemoval;
import io.github.slim4j.core.prune.channels.GradualRemovalResult;
import io.github.slim4j.core.prune.channels.GradualRemovalStep;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.magics.render.ProgressBar;
import io.github.slim4j.magics.train.LearningRateOption;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * {@code %prune MODEL --method l1-structured --sparsity S --remove}: channels cut out, a smaller model
 * made; with {@code --schedule agp}, in steps with fine-tuning between them.
 */
final class ChannelRemovalPrune {
    private static final int LISTED_LAYERS = 3;

    private ChannelRemovalPrune() {
    }

    static Table run(Bound<ModelHandle> model, String name, Arguments arguments, MagicContext context) {
        ChannelScope scope = arguments.get(PruneOptions.SCOPE).equals("global") ? ChannelScope.GLOBAL : ChannelScope.LAYER;
        int norm = arguments.get(PruneOptions.METHOD).equals("l2-structured") ? 2 : 1;
        int roundTo = Math.toIntExact(arguments.get(PruneOptions.ROUND_TO));
        if (arguments.optional(PruneOptions.SCHEDULE).isPresent()) {
            ChannelRequest request = new ChannelRequest(new Amount.Fraction(arguments.optional(PruneOptions.FINAL).orElseThrow()), scope, norm, roundTo);
            return gradually(model, name, request, arguments, context);
        }
        // The grammar requires --sparsity or --schedule with --remove.
        ChannelCut cut = Channels.remove(model.value(), new ChannelRequest(arguments.optional(PruneOptions.SPARSITY).orElseThrow(), scope, norm, roundTo));
        context.define(name, cut.model());
        return show(name, cut, context);
    }

    /** {@code --schedule agp --remove}: removal along the AGP curve, fine-tuning after each step. */
    private static Table gradually(Bound<ModelHandle> model, String name, ChannelRequest request, Arguments arguments, MagicContext context) {
        int steps = Math.toIntExact(arguments.optional(PruneOptions.STEPS).orElseThrow());
        ProgressBar bar = context.out().progress("AGP channel removal of " + name);
        GradualRemovalResult result = GradualRemoval.run(model.value(), request, steps, arguments.optional(PruneOptions.TRAIN).orElseThrow().value(),
                Math.toIntExact(arguments.get(PruneOptions.EPOCHS)), arguments.optional(LearningRateOption.LR).map(OptionalDouble::of)
                        .orElse(OptionalDouble.empty()), bar);
        String figure = result.completed().isEmpty() ? "no step completed" : String.format(Locale.ROOT, "%d of %d steps, channels removed %.1f%%",
                result.completed().size(), steps, 100 * result.completed().get(result.completed().size() - 1).removed());
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.completed().size(), steps, figure);
        }
        context.out().table(steps(name, result));
        if (result.cut().isEmpty()) {
            throw new MagicException("%prune: interrupted before the first step completed; " + model.name() + " is unchanged");
        }
        ChannelCut cut = result.cut().get();
        context.define(name, cut.model());
        Table table = show(name, cut, context);
        if (!result.complete()) {
            throw new MagicException(String.format(Locale.ROOT, "%%prune: interrupted; %s keeps the model of step %d of %d", name,
                    result.completed().size(), steps));
        }
        return table;
    }

    private static Table steps(String name, GradualRemovalResult result) {
        IntColumn step = IntColumn.create("step");
        DoubleColumn target = DoubleColumn.create("target removed");
        DoubleColumn removed = DoubleColumn.create("channels removed");
        LongColumn macs = LongColumn.create("MACs per example");
        DoubleColumn loss = DoubleColumn.create("loss after fine-tuning");
        for (GradualRemovalStep each : result.completed()) {
            step.append(each.step());
            target.append(each.target());
            removed.append(each.removed());
            append(macs, each.macs());
            loss.append(each.lastLoss());
        }
        target.setPrintFormatter(NumberColumnFormatter.percent(1));
        removed.setPrintFormatter(NumberColumnFormatter.percent(1));
        macs.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        return Table.create("AGP channel removal steps of " + name, step, target, removed, macs, loss);
    }

    private static Table show(String name, ChannelCut cut, MagicContext context) {
        Table table = table(name + ": channels removed, " + macs(cut) + String.format("%,d → %,d parameters (%.2f×)", cut.parametersBefore(),
                cut.parametersAfter(), cut.parametersAfter() / (double) cut.parametersBefore()), cut.groups());
        context.out().table(table);
        context.out().chart(chart(name, cut.groups()));
        return table;
    }

    private static String macs(ChannelCut cut) {
        if (cut.macsBefore().isEmpty() || cut.macsAfter().isEmpty()) {
            return "";
        }
        long before = cut.macsBefore().getAsLong();
        long after = cut.macsAfter().getAsLong();
        return String.format("%,d → %,d MACs per example (%.2f×), ", before, after, after / (double) before);
    }

    static Table table(String title, List<ChannelGroup> groups) {
        IntColumn group = IntColumn.create("group");
        StringColumn layers = StringColumn.create("layers");
        IntColumn kept = IntColumn.create("channels kept");
        IntColumn total = IntColumn.create("of");
        LongColumn before = LongColumn.create("MACs before");
        LongColumn after = LongColumn.create("MACs after");
        StringColumn stays = StringColumn.create("kept because");
        for (ChannelGroup row : groups) {
            group.append(row.number());
            layers.append(listed(row.layers()));
            kept.append(row.kept());
            total.append(row.total());
            append(before, row.macsBefore());
            append(after, row.macsAfter());
            stays.append(row.pinned().orElse(""));
        }
        before.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        after.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        return Table.create(title, group, layers, kept, total, before, after, stays);
    }

    private static void append(LongColumn column, OptionalLong value) {
        value.ifPresentOrElse(column::append, column::appendMissing);
    }

    private static String listed(List<String> layers) {
        String shown = String.join(", ", layers.subList(0, Math.min(LISTED_LAYERS, layers.size())));
        return layers.size() > LISTED_LAYERS ? shown + " and " + (layers.size() - LISTED_LAYERS) + " more" : shown;
    }

    private static CategoryChart chart(String name, List<ChannelGroup> groups) {
        CategoryChart chart = Charts.bars(name + ": channels per group", "group", "channels");
        List<String> labels = groups.stream().map(row -> String.valueOf(row.number())).toList();
        chart.addSeries("before", labels, groups.stream().map(row -> (Number) row.total()).toList());
        chart.addSeries("after", labels, groups.stream().map(row -> (Number) row.kept()).toList());
        return chart;
    }
}
