package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.channels.ChannelGroup;
import io.github.slim4j.onnx.channels.ChannelRemoval;
import io.github.slim4j.onnx.channels.ChannelScope;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
        if (!(model.value().unwrap() instanceof ComputationGraph graph) || model.value().origin().isEmpty()) {
            throw new MagicException("%prune: --remove works on models loaded from ONNX (%load); " + model.name() + " is a "
                    + model.value().kind() + ", whose channels slim4j cannot remove yet");
        }
        // The grammar requires --sparsity with --remove.
        Amount amount = arguments.optional(PruneOptions.SPARSITY).orElseThrow();
        ChannelScope scope = arguments.get(PruneOptions.SCOPE).equals("global") ? ChannelScope.GLOBAL : ChannelScope.LAYER;
        int norm = arguments.get(PruneOptions.METHOD).equals("l2-structured") ? 2 : 1;
        Onnx.RemovedChannels removed = Onnx.removeChannels(graph, amount, scope, norm, Math.toIntExact(arguments.get(PruneOptions.ROUND_TO)));
        context.define(name, ModelHandle.of(removed.graph()));
        ChannelRemoval.Result removal = removed.removal();
        Table table = table(String.format("%s: channels removed, %,d → %,d MACs per example (%.2f×), %,d → %,d bytes", name, removal.macsBefore(),
                removal.macsAfter(), removal.macsAfter() / (double) removal.macsBefore(), removal.bytesBefore(), removal.model().getSerializedSize()),
                removal.groups());
        context.out().table(table);
        context.out().chart(chart(name, removal.groups()));
        return table;
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
            before.append(row.macsBefore());
            after.append(row.macsAfter());
            stays.append(row.pinned().orElse(""));
        }
        before.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        after.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        return Table.create(title, group, layers, kept, total, before, after, stays);
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
