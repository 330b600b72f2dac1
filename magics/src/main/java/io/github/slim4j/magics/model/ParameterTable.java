package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.summary.StorageEstimate;
import io.github.slim4j.core.summary.StoredTensor;
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
 * One row per parameter tensor of a model (layer, kind, shape, size, format (its dtype, or its
 * quantized format), sparsity, value statistics, and storage: the smallest layout, its bytes and
 * bits per weight), and a last row for the whole model.
 */
final class ParameterTable {

    static final String WHOLE_MODEL = "(whole model)";

    private final StringColumn layer = StringColumn.create("layer");
    private final StringColumn tensor = StringColumn.create("tensor");
    private final StringColumn kind = StringColumn.create("kind");
    private final StringColumn shape = StringColumn.create("shape");
    private final LongColumn parameters = LongColumn.create("parameters");
    private final StringColumn format = StringColumn.create("format");
    private final DoubleColumn sparsity = DoubleColumn.create("sparsity");
    private final DoubleColumn min = DoubleColumn.create("min");
    private final DoubleColumn max = DoubleColumn.create("max");
    private final DoubleColumn mean = DoubleColumn.create("mean");
    private final DoubleColumn std = DoubleColumn.create("std");
    private final StringColumn storage = StringColumn.create("storage");
    private final LongColumn bytes = LongColumn.create("bytes");
    private final DoubleColumn bits = DoubleColumn.create("bits/weight");

    private ParameterTable() {
    }

    /** @param measured every parameter tensor of {@code model}, in order */
    static Table of(String variable, ModelHandle model, List<MeasuredTensor> measured) {
        ParameterTable table = new ParameterTable();
        List<StoredTensor> stored = new ArrayList<>();
        for (MeasuredTensor each : measured) {
            ParamTensor tensor = each.tensor();
            StoredTensor storage = StoredTensor.of(model, tensor, each.stats());
            stored.add(storage);
            table.add(tensor.layer(), tensor.qualifiedName(), tensor.kind().name().toLowerCase(), shapeOf(tensor), storage.format(), each.stats(),
                    storage.storage().encoding().name().toLowerCase(), StorageEstimate.sum(List.of(storage.storage())));
        }
        TensorStats whole = TensorStats.combine(measured.stream().map(MeasuredTensor::stats).toList());
        table.add(WHOLE_MODEL, "", "all", "", formats(stored), whole, "",
                StorageEstimate.sum(stored.stream().map(StoredTensor::storage).toList()));
        return table.build(variable + " (" + model.describe() + ")");
    }

    private void add(String layerName, String tensorName, String kindName, String shapeText, String formatName, TensorStats stats,
                     String encoding, StorageEstimate stored) {
        layer.append(layerName);
        tensor.append(tensorName);
        kind.append(kindName);
        shape.append(shapeText);
        parameters.append(stats.count());
        format.append(formatName);
        sparsity.append(stats.sparsity());
        min.append(stats.min());
        max.append(stats.max());
        mean.append(stats.mean());
        std.append(stats.std());
        storage.append(encoding);
        bytes.append(stored.bytes());
        bits.append(stored.bitsPer(stats.count()));
    }

    private Table build(String title) {
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bytes.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        sparsity.setPrintFormatter(NumberColumnFormatter.percent(1));
        for (DoubleColumn value : List.of(min, max, mean, std)) {
            value.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        }
        return Table.create(title, layer, tensor, kind, shape, parameters, format, sparsity, min, max, mean, std, storage, bytes, bits);
    }

    private static String shapeOf(ParamTensor tensor) {
        return Arrays.stream(tensor.shape()).mapToObj(Long::toString).collect(Collectors.joining(" × ", "[", "]"));
    }

    private static String formats(List<StoredTensor> stored) {
        return stored.stream().map(StoredTensor::format).distinct().collect(Collectors.joining("+"));
    }
}
