package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelCut;
import io.github.slim4j.core.prune.channels.ChannelGroup;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.core.prune.channels.Channels;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.render.Charts;
import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** {@code %prune MODEL --method l1-structured --sparsity S --remove}: channels cut out, a smaller model made. */
final class ChannelRemovalPrune {
    private static final int LISTED_LAYERS = 3;

    private ChannelRemovalPrune() {
    }

    static Table run(Bound<ModelHandle> model, String name, Arguments arguments, MagicContext context) {
        // The grammar requires --sparsity with --remove.
        Amount amount = arguments.optional(PruneOptions.SPARSITY).orElseThrow();
        ChannelScope scope = arguments.get(PruneOptions.SCOPE).equals("global") ? ChannelScope.GLOBAL : ChannelScope.LAYER;
        int norm = arguments.get(PruneOptions.METHOD).equals("l2-structured") ? 2 : 1;
        ChannelCut cut = Channels.remove(model.value(), new ChannelRequest(amount, scope, norm, Math.toIntExact(arguments.get(PruneOptions.ROUND_TO))));
        context.define(name, cut.model());
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
