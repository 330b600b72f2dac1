package io.github.slim4j.magics.compare;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/** Models side by side: parameters, non-zeros, storage, bits per weight and accuracy. */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static Table of(List<ComparisonRow> rows, boolean withAccuracy) {
        StringColumn model = StringColumn.create("model");
        StringColumn kind = StringColumn.create("kind");
        LongColumn parameters = LongColumn.create("parameters");
        LongColumn nonZeros = LongColumn.create("non-zeros");
        LongColumn bytes = LongColumn.create("storage bytes");
        DoubleColumn bits = DoubleColumn.create("bits/weight");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        for (ComparisonRow row : rows) {
            model.append(row.name());
            kind.append(row.kind());
            parameters.append(row.summary().parameters());
            nonZeros.append(row.summary().nonZeros());
            bytes.append(row.summary().storageBytes());
            bits.append(row.summary().meanBitsPerWeight());
            row.evaluation().ifPresentOrElse(result -> accuracy.append(result.accuracy()), accuracy::appendMissing);
        }
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        nonZeros.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        Table table = Table.create("comparison", model, kind, parameters, nonZeros, bytes, bits);
        return withAccuracy ? table.addColumns(accuracy) : table;
    }
}
