package io.github.slim4j.magics.parity;

import io.github.slim4j.onnx.parity.ParityReport;
import io.github.slim4j.onnx.parity.PointParity;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** The parity tables: one row per quantized activation, then the model's agreement and accuracies. */
final class ParityTable {
    private ParityTable() {
    }

    static Table of(String title, ParityReport report) {
        StringColumn point = StringColumn.create("point");
        StringColumn op = StringColumn.create("op");
        StringColumn weights = StringColumn.create("weights");
        DoubleColumn scale = DoubleColumn.create("step");
        LongColumn maxSteps = LongColumn.create("max Δ (steps)");
        DoubleColumn off = DoubleColumn.create("off by ≥ 1 step");
        StringColumn cause = StringColumn.create("cause");
        for (PointParity row : report.points()) {
            point.append(row.value());
            op.append(row.producer());
            weights.append(row.weights());
            scale.append(row.scale());
            maxSteps.append(row.maxSteps());
            off.append(row.offShare());
            cause.append(report.cause(row));
        }
        scale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        off.setPrintFormatter(NumberColumnFormatter.percent(3));
        return Table.create(title, point, op, weights, scale, maxSteps, off, cause);
    }

    static Table summary(ParityReport report) {
        StringColumn measure = StringColumn.create("measure");
        StringColumn value = StringColumn.create("value");
        add(measure, value, "examples", String.format("%,d", report.examples()));
        add(measure, value, "top-1 agreement", String.format("%.2f%%", 100 * report.agreement()));
        add(measure, value, "accuracy, simulated on the JVM", String.format("%.2f%%", 100 * report.simulatedAccuracy()));
        add(measure, value, "accuracy, ONNX Runtime", String.format("%.2f%%", 100 * report.runtimeAccuracy()));
        long worst = report.points().stream().mapToLong(PointParity::maxSteps).max().orElse(0);
        add(measure, value, "largest code difference", worst + (worst == 1 ? " step" : " steps"));
        add(measure, value, "CPU has VNNI", report.vnni() ? "yes" : "no");
        return Table.create("parity summary", measure, value);
    }

    private static void add(StringColumn measure, StringColumn value, String name, String text) {
        measure.append(name);
        value.append(text);
    }
}
