package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.sweep.BitSweep;
import io.github.slim4j.core.quant.sweep.SweepPoint;
import io.github.slim4j.core.quant.sweep.SweepResult;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.magics.render.ProgressBar;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import io.github.slim4j.magics.render.ColumnFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** {@code %quantize MODEL --sweep FROM..TO [--data ITER]}: error, and accuracy, width by width; the model is left as it was. */
final class SweepQuantize {

    private SweepQuantize() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        int[] widths = arguments.optional(QuantizeOptions.SWEEP).orElseThrow();
        ProgressBar bar = context.out().progress("bit-width sweep of " + name);
        SweepResult result = BitSweep.run(model, QuantizeOptions.formatForBits(arguments, QuantizeOptions.SWEEP), widths[0], widths[1],
                QuantizeOptions.selection(arguments), arguments.optional(QuantizeOptions.DATA).map(data -> data.value()), bar);
        String figure = result.points().size() + " widths" + result.baselineAccuracy().stream()
                .mapToObj(accuracy -> String.format(Locale.ROOT, ", float accuracy %.2f%%", 100 * accuracy)).findFirst().orElse("");
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.points().size(), widths[1] - widths[0] + 1, figure);
        }
        Table table = table(name, result);
        context.out().table(table);
        context.out().chart(line(name + ": SQNR against bits", "SQNR (dB)", result.points(), SweepPoint::meanSqnrDb));
        if (result.baselineAccuracy().isPresent()) {
            context.out().chart(line(name + ": accuracy against bits", "accuracy (%)", result.points(),
                    point -> 100 * point.accuracy().orElse(Double.NaN)));
        }
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, name + " is unchanged and the table shows the widths measured");
    }

    private static Table table(String name, SweepResult result) {
        IntColumn bits = IntColumn.create("bits");
        StringColumn format = StringColumn.create("format");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        DoubleColumn mse = DoubleColumn.create("MSE");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        for (SweepPoint point : result.points()) {
            bits.append(point.bits());
            format.append(point.format());
            sqnr.append(point.meanSqnrDb());
            mse.append(point.mse());
            point.accuracy().ifPresentOrElse(accuracy::append, accuracy::appendMissing);
        }
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        mse.setPrintFormatter(ColumnFormats.scientific());
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        Table table = Table.create("bit-width sweep of " + name, bits, format, sqnr, mse);
        return result.baselineAccuracy().isPresent() ? table.addColumns(accuracy) : table;
    }

    private static XYChart line(String title, String yAxis, List<SweepPoint> points, ToDoubleFunction<SweepPoint> value) {
        XYChart chart = Charts.xy(title, "bits per weight", yAxis);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(yAxis, points.stream().mapToDouble(SweepPoint::bits).toArray(), points.stream().mapToDouble(value).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }
}
