package io.github.slim4j.magics.bitwidth;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.summary.StorageEstimate;
import io.github.slim4j.core.summary.StoredTensor;
import io.github.slim4j.core.summary.TensorStorage;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * Each tensor's format and what it costs: bits per stored value, bits per weight with scales and
 * sparse layouts counted, bytes, and the compression against float32.
 */
final class BitwidthTable {

    static final String WHOLE_MODEL = "(whole model)";
    private static final int FLOAT32_BITS = 32;

    private BitwidthTable() {
    }

    static Table of(String title, List<ParamTensor> tensors, List<StoredTensor> stored) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn tensor = StringColumn.create("tensor");
        StringColumn format = StringColumn.create("format");
        IntColumn bits = IntColumn.create("bits");
        DoubleColumn bitsPerWeight = DoubleColumn.create("bits/weight");
        LongColumn bytes = LongColumn.create("bytes");
        LongColumn floatBytes = LongColumn.create("float32 bytes");
        DoubleColumn ratio = DoubleColumn.create("compression");
        List<TensorStorage> all = new ArrayList<>();
        long allParameters = 0;
        for (int i = 0; i < tensors.size(); i++) {
            ParamTensor each = tensors.get(i);
            StoredTensor storage = stored.get(i);
            all.add(storage.storage());
            allParameters += each.length();
            layer.append(each.layer());
            tensor.append(each.qualifiedName());
            format.append(storage.format());
            bits.append(storage.bitsPerValue());
            bitsPerWeight.append((double) storage.storage().bits() / each.length());
            bytes.append(storage.bytes());
            floatBytes.append(asFloat32(each.length()));
            ratio.append((double) asFloat32(each.length()) / storage.bytes());
        }
        StorageEstimate whole = StorageEstimate.sum(all);
        layer.append(WHOLE_MODEL);
        tensor.append("");
        format.append("");
        bits.appendMissing();
        bitsPerWeight.append(whole.bitsPer(allParameters));
        bytes.append(whole.bytes());
        floatBytes.append(asFloat32(allParameters));
        ratio.append((double) asFloat32(allParameters) / whole.bytes());

        bitsPerWeight.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        floatBytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create(title, layer, tensor, format, bits, bitsPerWeight, bytes, floatBytes, ratio);
    }

    private static long asFloat32(long elements) {
        return new StorageEstimate(elements * FLOAT32_BITS).bytes();
    }
}
