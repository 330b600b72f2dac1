package io.github.slim4j.magics.sparsity;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.summary.StorageEstimate;
import io.github.slim4j.core.summary.StoredTensor;
import io.github.slim4j.core.summary.TensorStorage;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sparsity tensor by tensor and for the whole model: zeros, the entries slim4j's masks hold at
 * zero, and what the zeros save in storage.
 */
final class SparsityTable {

    static final String WHOLE_MODEL = "(whole model)";

    private final StringColumn layer = StringColumn.create("layer");
    private final StringColumn tensor = StringColumn.create("tensor");
    private final LongColumn parameters = LongColumn.create("parameters");
    private final LongColumn nonZeros = LongColumn.create("non-zeros");
    private final DoubleColumn sparsity = DoubleColumn.create("sparsity");
    private final LongColumn masked = LongColumn.create("masked");
    private final StringColumn storage = StringColumn.create("storage");
    private final LongColumn denseBytes = LongColumn.create("dense bytes");
    private final LongColumn storedBytes = LongColumn.create("stored bytes");

    private SparsityTable() {
    }

    /** @param masks the model's masks by tensor name; empty for models without them */
    static Table of(String title, ModelHandle model, List<ParamTensor> tensors, List<TensorStats> stats, Map<String, Mask> masks) {
        SparsityTable table = new SparsityTable();
        List<TensorStorage> stored = new ArrayList<>();
        List<TensorStorage> dense = new ArrayList<>();
        long allMasked = 0;
        for (int i = 0; i < tensors.size(); i++) {
            ParamTensor each = tensors.get(i);
            TensorStorage storage = StoredTensor.of(model, each, stats.get(i)).storage();
            TensorStorage asDense = TensorStorage.of(each.shape(), stats.get(i).count(), each.bitsPerElement());
            Mask mask = masks.get(each.qualifiedName());
            stored.add(storage);
            dense.add(asDense);
            allMasked += mask == null ? 0 : mask.pruned();
            table.add(each.layer(), each.qualifiedName(), stats.get(i), mask == null ? null : mask.pruned(),
                    storage.encoding().name().toLowerCase(), StorageEstimate.sum(List.of(asDense)), StorageEstimate.sum(List.of(storage)));
        }
        table.add(WHOLE_MODEL, "", TensorStats.combine(stats), masks.isEmpty() ? null : allMasked, "",
                StorageEstimate.sum(dense), StorageEstimate.sum(stored));
        return table.build(title);
    }

    private void add(String layerName, String tensorName, TensorStats stats, Long maskedEntries, String encoding,
                     StorageEstimate asDense, StorageEstimate stored) {
        layer.append(layerName);
        tensor.append(tensorName);
        parameters.append(stats.count());
        nonZeros.append(stats.nonZeros());
        sparsity.append(stats.sparsity());
        if (maskedEntries == null) {
            masked.appendMissing();
        } else {
            masked.append(maskedEntries);
        }
        storage.append(encoding);
        denseBytes.append(asDense.bytes());
        storedBytes.append(stored.bytes());
    }

    private Table build(String title) {
        for (LongColumn count : List.of(parameters, nonZeros, masked, denseBytes, storedBytes)) {
            count.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        }
        sparsity.setPrintFormatter(NumberColumnFormatter.percent(1));
        return Table.create(title, layer, tensor, parameters, nonZeros, sparsity, masked, storage, denseBytes, storedBytes);
    }
}
