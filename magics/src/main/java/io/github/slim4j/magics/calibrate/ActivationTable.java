package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.PointReport;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/**
 * One row per quantization point: the range the method chose, the grid's scale and zero point,
 * and, estimated from the recorded histogram, the share of values clipped and the SQNR.
 */
final class ActivationTable {

    private ActivationTable() {
    }

    static Table of(String title, List<PointReport> reports) {
        StringColumn point = StringColumn.create("point");
        StringColumn method = StringColumn.create("method");
        DoubleColumn min = DoubleColumn.create("range min");
        DoubleColumn max = DoubleColumn.create("range max");
        DoubleColumn scale = DoubleColumn.create("scale");
        IntColumn zeroPoint = IntColumn.create("zero point");
        DoubleColumn clipped = DoubleColumn.create("clipped");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        for (PointReport report : reports) {
            point.append(report.point());
            method.append(report.method().text());
            min.append(report.range().min());
            max.append(report.range().max());
            scale.append(report.qparams().scales()[0]);
            zeroPoint.append(report.qparams().zeroPoints()[0]);
            clipped.append(report.error().clippedFraction());
            sqnr.append(report.error().sqnrDb());
        }
        min.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        max.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        scale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        clipped.setPrintFormatter(NumberColumnFormatter.percent(3));
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create(title, point, method, min, max, scale, zeroPoint, clipped, sqnr);
    }
}
