package io.github.slim4j.magics.error;

import io.github.slim4j.core.quant.error.OutputAgreement;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** How closely the model's predictions follow the reference's on the data, in one row. */
final class AgreementTable {

    private AgreementTable() {
    }

    static Table of(String model, String reference, OutputAgreement agreement) {
        // Single values go in with append: create(name, int) would make a column of that many rows.
        DoubleColumn top1 = DoubleColumn.create("top-1 agreement").append(agreement.top1Agreement());
        DoubleColumn kl = DoubleColumn.create("mean KL (nats)").append(agreement.meanKl());
        DoubleColumn accuracy = DoubleColumn.create("accuracy").append(agreement.accuracy());
        DoubleColumn referenceAccuracy = DoubleColumn.create("reference accuracy").append(agreement.referenceAccuracy());
        DoubleColumn drop = DoubleColumn.create("accuracy drop").append(agreement.accuracyDrop());
        LongColumn examples = LongColumn.create("examples").append(agreement.examples());
        top1.setPrintFormatter(NumberColumnFormatter.percent(2));
        kl.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(5));
        accuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        referenceAccuracy.setPrintFormatter(NumberColumnFormatter.percent(2));
        drop.setPrintFormatter(NumberColumnFormatter.percent(2));
        examples.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        return Table.create("outputs of " + model + " against " + reference,
                StringColumn.create("model").append(model), examples, top1, kl, accuracy, referenceAccuracy, drop);
    }
}
