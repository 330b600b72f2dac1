package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.TensorQuantization;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/**
 * What a quantization did, one row per tensor and one for all of them: format, bits, the range of
 * its scales, bytes before and after, and the signal-to-quantization-noise ratio.
 */
final class QuantizationTable {

    static final String ALL_QUANTIZED = "(quantized)";

    private QuantizationTable() {
    }

    static Table of(String title, QuantizationReport report) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn tensor = StringColumn.create("tensor");
        StringColumn format = StringColumn.create("format");
        IntColumn bits = IntColumn.create("bits");
        DoubleColumn minScale = DoubleColumn.create("min scale");
        DoubleColumn maxScale = DoubleColumn.create("max scale");
        LongColumn before = LongColumn.create("bytes before");
        LongColumn after = LongColumn.create("bytes after");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        List<TensorQuantization> tensors = report.tensors();
        double signalOverNoise = 0;
        for (TensorQuantization each : tensors) {
            layer.append(each.layer());
            tensor.append(each.tensor());
            format.append(each.format().name());
            bits.append(each.format().bits());
            each.minScale().ifPresentOrElse(minScale::append, minScale::appendMissing);
            each.maxScale().ifPresentOrElse(maxScale::append, maxScale::appendMissing);
            before.append(each.bytesBefore());
            after.append(each.bytesAfter());
            sqnr.append(each.sqnrDb());
        }
        layer.append(ALL_QUANTIZED);
        tensor.append("");
        format.append("");
        bits.appendMissing();
        minScale.appendMissing();
        maxScale.appendMissing();
        before.append(tensors.stream().mapToLong(TensorQuantization::bytesBefore).sum());
        after.append(tensors.stream().mapToLong(TensorQuantization::bytesAfter).sum());
        sqnr.appendMissing();

        minScale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        maxScale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        before.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        after.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create(title, layer, tensor, format, bits, minScale, maxScale, before, after, sqnr);
    }
}
