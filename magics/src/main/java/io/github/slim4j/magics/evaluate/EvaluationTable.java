package io.github.slim4j.magics.evaluate;

import io.github.slim4j.core.eval.EvaluationResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** The result of one evaluation as a one-row table: accuracy, top-5, loss and throughput. */
final class EvaluationTable {

    private EvaluationTable() {
    }

    static Table of(String model, EvaluationResult result) {
        // Single values go in with append: create(name, int) would make a column of that many rows.
        StringColumn name = StringColumn.create("model").append(model);
        LongColumn examples = LongColumn.create("examples").append(result.examples());
        DoubleColumn accuracy = DoubleColumn.create("accuracy").append(result.accuracy());
        DoubleColumn loss = DoubleColumn.create("loss").append(result.loss());
        DoubleColumn speed = DoubleColumn.create("examples/s").append(result.examplesPerSecond());
        StringColumn status = StringColumn.create("status").append(result.complete() ? "complete" : "interrupted");
        examples.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        speed.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        Table table = Table.create("evaluation of " + model, name, examples, accuracy);
        result.top5Accuracy().ifPresent(top5 -> {
            DoubleColumn column = DoubleColumn.create("top-5 accuracy").append(top5);
            column.setPrintFormatter(NumberColumnFormatter.percent(2));
            table.addColumns(column);
        });
        return table.addColumns(loss, speed, status);
    }
}
