package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.mixed.AllocationResult;
import io.github.slim4j.core.quant.mixed.AllocationStep;
import io.github.slim4j.core.quant.mixed.BitAllocation;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.magics.render.ProgressBar;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * {@code %quantize MODEL --budget AVG_BITS --data VAL}: a width for every tensor, chosen by
 * measured sensitivity so that the average fits the budget.
 */
final class BudgetQuantize {

    /** The widths the allocation chooses among: 2 to 8 bits, as weight-only schemes use. */
    private static final int NARROWEST = 2;
    private static final int WIDEST = 8;

    private BudgetQuantize() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        IntFunction<WeightFormat> atWidth = QuantizeOptions.formatForBits(arguments, QuantizeOptions.BUDGET);
        List<WeightFormat> candidates = IntStream.rangeClosed(NARROWEST, WIDEST).mapToObj(atWidth).toList();
        ProgressBar bar = context.out().progress("mixed precision for " + name);
        AllocationResult result = BitAllocation.allocate(model, candidates, arguments.optional(QuantizeOptions.BUDGET).orElseThrow(),
                QuantizeOptions.selection(arguments), arguments.optional(QuantizeOptions.DATA).orElseThrow().value(), bar);
        String figure = result.formats().isEmpty()
                ? "no allocation within the budget was measured yet; " + name + " is unchanged"
                : String.format(Locale.ROOT, "%.2f bits per weight, accuracy %.2f%% (float %.2f%%)",
                        result.averageBits(), 100 * result.accuracy(), 100 * result.baselineAccuracy());
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.path().size(), -1, figure);
        }
        Table table = allocation(name, result);
        context.out().table(table);
        context.out().table(pathTable(name, result.path()));
        context.out().chart(path(name, result.path()));
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, result.formats().isEmpty() ? figure
                        : name + " has the best allocation within the budget found so far: " + figure);
    }

    /** The chosen format of every tensor, and a last row with the average bits per weight. */
    private static Table allocation(String name, AllocationResult result) {
        StringColumn tensor = StringColumn.create("tensor");
        StringColumn format = StringColumn.create("format");
        DoubleColumn bits = DoubleColumn.create("bits");
        for (Map.Entry<String, WeightFormat> each : result.formats().entrySet()) {
            tensor.append(each.getKey());
            format.append(each.getValue().name());
            bits.append(each.getValue().bits());
        }
        tensor.append("(average)");
        format.append("");
        bits.append(result.averageBits());
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create("mixed precision of " + name, tensor, format, bits);
    }

    /** Every assignment measured on the way, in order: each tensor's format, the average bits and the accuracy. */
    private static Table pathTable(String name, List<AllocationStep> path) {
        IntColumn step = IntColumn.create("step");
        Map<String, StringColumn> formats = new LinkedHashMap<>();
        path.stream().flatMap(point -> point.formats().keySet().stream())
                .forEach(tensor -> formats.computeIfAbsent(tensor, StringColumn::create));
        DoubleColumn bits = DoubleColumn.create("average bits");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        for (AllocationStep point : path) {
            step.append(point.step());
            formats.forEach((tensor, column) -> column.append(point.formats().getOrDefault(tensor, "")));
            bits.append(point.averageBits());
            accuracy.append(point.accuracy());
        }
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        Table table = Table.create("allocation path of " + name, step);
        formats.values().forEach(table::addColumns);
        return table.addColumns(bits, accuracy);
    }

    /** Accuracy against average bits, point by point in the order the allocation went. */
    private static XYChart path(String name, List<AllocationStep> path) {
        XYChart chart = Charts.xy(name + ": allocation path", "average bits per weight", "accuracy (%)");
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.addSeries("path", path.stream().mapToDouble(AllocationStep::averageBits).toArray(),
                path.stream().mapToDouble(step -> 100 * step.accuracy()).toArray()).setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }
}
