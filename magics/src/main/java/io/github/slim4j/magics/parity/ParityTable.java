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
        StringColumn point = StringColumn.create("activation");
        StringColumn ops = StringColumn.create("computed by");
        StringColumn weights = StringColumn.create("weights");
        DoubleColumn scale = DoubleColumn.create("step");
        LongColumn isolatedMax = LongColumn.create("max Δ, layer alone");
        DoubleColumn isolatedOff = DoubleColumn.create("off ≥ 1 step, alone");
        LongColumn chainedMax = LongColumn.create("max Δ, end to end");
        DoubleColumn chainedOff = DoubleColumn.create("off ≥ 1 step, end to end");
        StringColumn cause = StringColumn.create("cause");
        for (PointParity row : report.points()) {
            point.append(row.value());
            ops.append(row.ops());
            weights.append(row.weights());
            scale.append(row.scale());
            isolatedMax.append(row.isolatedMax());
            isolatedOff.append(row.isolatedShare());
            chainedMax.append(row.chainedMax());
            chainedOff.append(row.chainedShare());
            cause.append(report.cause(row));
        }
        scale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        isolatedOff.setPrintFormatter(NumberColumnFormatter.percent(3));
        chainedOff.setPrintFormatter(NumberColumnFormatter.percent(3));
        return Table.create(title, point, ops, weights, scale, isolatedMax, isolatedOff, chainedMax, chainedOff, cause);
    }

    static Table summary(ParityReport report) {
        StringColumn measure = StringColumn.create("measure");
        StringColumn value = StringColumn.create("value");
        add(measure, value, "examples", String.format("%,d", report.examples()));
        add(measure, value, "top-1 agreement", String.format("%.2f%%", 100 * report.agreement()));
        add(measure, value, "accuracy, simulated on the JVM", String.format("%.2f%%", 100 * report.simulatedAccuracy()));
        add(measure, value, "accuracy, ONNX Runtime", String.format("%.2f%%", 100 * report.runtimeAccuracy()));
        long worst = report.worstIsolated();
        add(measure, value, "largest code difference, layer alone", worst + (worst == 1 ? " step" : " steps"));
        add(measure, value, "CPU has VNNI", report.vnni() ? "yes" : "no");
        return Table.create("parity summary", measure, value);
    }

    private static void add(StringColumn measure, StringColumn value, String name, String text) {
        measure.append(name);
        value.append(text);
    }
}
