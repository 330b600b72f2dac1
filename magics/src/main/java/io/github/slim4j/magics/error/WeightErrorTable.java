package io.github.slim4j.magics.error;

import io.github.slim4j.core.quant.error.TensorError;
import io.github.slim4j.magics.render.ColumnFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/** One row per tensor: how far the model's weights are from the reference's. */
final class WeightErrorTable {

    private WeightErrorTable() {
    }

    static Table of(String title, List<TensorError> errors) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn tensor = StringColumn.create("tensor");
        LongColumn parameters = LongColumn.create("parameters");
        DoubleColumn mse = DoubleColumn.create("MSE");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        DoubleColumn maxAbs = DoubleColumn.create("max abs error");
        DoubleColumn cosine = DoubleColumn.create("cosine");
        for (TensorError error : errors) {
            layer.append(error.layer());
            tensor.append(error.tensor());
            parameters.append(error.parameters());
            mse.append(error.mse());
            sqnr.append(error.sqnrDb());
            maxAbs.append(error.maxAbsError());
            cosine.append(error.cosine());
        }
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        mse.setPrintFormatter(ColumnFormats.scientific());
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        maxAbs.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        cosine.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        return Table.create(title, layer, tensor, parameters, mse, sqnr, maxAbs, cosine);
    }
}
