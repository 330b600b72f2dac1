package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.MethodTable;
import io.github.slim4j.core.calib.PointReport;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %calibrate NET --methods}: every method's choice at every point, from the statistics the
 * network keeps, with the estimated clipping and SQNR of each, and the best SQNR of each point
 * marked. No pass over the data: this is the view for picking a method.
 */
final class MethodComparison {

    private MethodComparison() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        Calibration calibration = NetworkCalibrate.cached(model, name, "--methods");
        IntegerFormat format = CalibrateOptions.format(arguments, calibration.format());
        List<CalibrationMethod> methods = CalibrationMethod.all();
        MethodTable cells = calibration.statistics().methodTable(methods, format);
        Table table = table("calibration methods for " + name + " (" + format.name() + ")", cells);
        context.out().table(table);
        context.out().chart(chart(name + ": SQNR by method (" + format.name() + ")", cells));
        return ModeRun.finished(table);
    }

    private static Table table(String title, MethodTable cells) {
        StringColumn point = StringColumn.create("point");
        StringColumn method = StringColumn.create("method");
        DoubleColumn min = DoubleColumn.create("range min");
        DoubleColumn max = DoubleColumn.create("range max");
        DoubleColumn clipped = DoubleColumn.create("clipped");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        StringColumn best = StringColumn.create("best");
        for (int p = 0; p < cells.points().size(); p++) {
            double highest = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < cells.methods().size(); m++) {
                highest = Math.max(highest, cells.cell(p, m).error().sqnrDb());
            }
            for (int m = 0; m < cells.methods().size(); m++) {
                PointReport cell = cells.cell(p, m);
                point.append(cell.point());
                method.append(cell.method().text());
                min.append(cell.range().min());
                max.append(cell.range().max());
                clipped.append(cell.error().clippedFraction());
                sqnr.append(cell.error().sqnrDb());
                best.append(cell.error().sqnrDb() == highest ? "◀ best SQNR" : "");
            }
        }
        min.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        max.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        clipped.setPrintFormatter(NumberColumnFormatter.percent(3));
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create(title, point, method, min, max, clipped, sqnr, best);
    }

    /** SQNR per point, one bar per method. */
    private static CategoryChart chart(String title, MethodTable cells) {
        CategoryChart chart = Charts.bars(title, "point", "estimated SQNR (dB)");
        chart.getStyler().setYAxisDecimalPattern("0");
        for (int m = 0; m < cells.methods().size(); m++) {
            List<Double> sqnr = new ArrayList<>();
            for (int p = 0; p < cells.points().size(); p++) {
                double db = cells.cell(p, m).error().sqnrDb();
                sqnr.add(Double.isFinite(db) ? Math.max(0, db) : 0);
            }
            chart.addSeries(cells.methods().get(m).text(), cells.points(), sqnr);
        }
        return chart;
    }
}
