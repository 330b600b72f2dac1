package io.github.slim4j.magics.sensitivity;

import io.github.slim4j.core.prune.sensitivity.SensitivityPoint;
import io.github.slim4j.core.prune.sensitivity.SensitivityResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** One row per tensor and sparsity: accuracy, its drop from the dense model, and loss. */
final class SensitivityTable {

    private SensitivityTable() {
    }

    static Table of(String model, SensitivityResult result) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn tensor = StringColumn.create("tensor");
        DoubleColumn sparsity = DoubleColumn.create("sparsity");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn drop = DoubleColumn.create("accuracy drop");
        DoubleColumn loss = DoubleColumn.create("loss");
        for (SensitivityPoint point : result.points()) {
            layer.append(point.layer());
            tensor.append(point.tensor());
            sparsity.append(point.sparsity());
            accuracy.append(point.accuracy());
            drop.append(result.baselineAccuracy() - point.accuracy());
            loss.append(point.loss());
        }
        sparsity.setPrintFormatter(NumberColumnFormatter.percent(0));
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        drop.setPrintFormatter(NumberColumnFormatter.percent(2));
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        return Table.create("sensitivity of " + model, layer, tensor, sparsity, accuracy, drop, loss);
    }
}
