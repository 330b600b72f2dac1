package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.summary.StorageEstimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per parameter tensor of a model (layer, kind, shape, size, format, sparsity and value
 * statistics), and a last row for the whole model.
 */
final class ParameterTable {

    static final String WHOLE_MODEL = "(whole model)";

    private final StringColumn layer = StringColumn.create("layer");
    private final StringColumn kind = StringColumn.create("kind");
    private final StringColumn shape = StringColumn.create("shape");
    private final LongColumn parameters = LongColumn.create("parameters");
    private final StringColumn dtype = StringColumn.create("dtype");
    private final DoubleColumn bits = DoubleColumn.create("bits");
    private final DoubleColumn sparsity = DoubleColumn.create("sparsity");
    private final DoubleColumn min = DoubleColumn.create("min");
    private final DoubleColumn max = DoubleColumn.create("max");
    private final DoubleColumn mean = DoubleColumn.create("mean");
    private final DoubleColumn std = DoubleColumn.create("std");
    private final LongColumn bytes = LongColumn.create("bytes");

    private ParameterTable() {
    }

    /** @param measured every parameter tensor of {@code model}, in order */
    static Table of(String variable, ModelHandle model, List<MeasuredTensor> measured) {
        ParameterTable table = new ParameterTable();
        List<ParamTensor> tensors = new ArrayList<>();
        for (MeasuredTensor each : measured) {
            ParamTensor tensor = each.tensor();
            tensors.add(tensor);
            table.add(tensor.layer(), tensor.kind().name().toLowerCase(), shapeOf(tensor), tensor.dtype(),
                    tensor.bitsPerElement(), each.stats(), StorageEstimate.dense(List.of(tensor)).bytes());
        }
        TensorStats whole = TensorStats.combine(measured.stream().map(MeasuredTensor::stats).toList());
        StorageEstimate storage = StorageEstimate.dense(tensors);
        table.add(WHOLE_MODEL, "all", "", dtypes(tensors), storage.bitsPer(whole.count()), whole, storage.bytes());
        return table.build(variable + " (" + model.kind() + ")");
    }

    private void add(String layerName, String kindName, String shapeText, String dtypeName, double bitsPerValue, TensorStats stats, long byteCount) {
        layer.append(layerName);
        kind.append(kindName);
        shape.append(shapeText);
        parameters.append(stats.count());
        dtype.append(dtypeName);
        bits.append(bitsPerValue);
        sparsity.append(stats.sparsity());
        min.append(stats.min());
        max.append(stats.max());
        mean.append(stats.mean());
        std.append(stats.std());
        bytes.append(byteCount);
    }

    private Table build(String title) {
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        sparsity.setPrintFormatter(NumberColumnFormatter.percent(1));
        for (DoubleColumn value : List.of(min, max, mean, std)) {
            value.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        }
        return Table.create(title, layer, kind, shape, parameters, dtype, bits, sparsity, min, max, mean, std, bytes);
    }

    private static String shapeOf(ParamTensor tensor) {
        return Arrays.stream(tensor.shape()).mapToObj(Long::toString).collect(Collectors.joining(" × ", "[", "]"));
    }

    private static String dtypes(List<ParamTensor> tensors) {
        return tensors.stream().map(ParamTensor::dtype).distinct().collect(Collectors.joining("+"));
    }
}
