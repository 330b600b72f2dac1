package io.github.slim4j.magics.prune;

import io.github.slim4j.core.prune.TensorPruning;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/**
 * What a prune did, one row per tensor and one for all of them: parameters, pruned entries,
 * sparsity before and after, and the threshold (largest |w| or channel norm pruned).
 */
final class PruneTable {

    static final String ALL_SELECTED = "(selected)";

    private PruneTable() {
    }

    static Table of(String title, List<TensorPruning> tensors) {
        StringColumn layer = StringColumn.create("layer");
        StringColumn tensor = StringColumn.create("tensor");
        LongColumn parameters = LongColumn.create("parameters");
        LongColumn pruned = LongColumn.create("pruned");
        DoubleColumn before = DoubleColumn.create("sparsity before");
        DoubleColumn after = DoubleColumn.create("sparsity after");
        DoubleColumn threshold = DoubleColumn.create("threshold");
        long allParameters = 0;
        long allBefore = 0;
        long allAfter = 0;
        for (TensorPruning each : tensors) {
            layer.append(each.layer());
            tensor.append(each.tensor());
            parameters.append(each.parameters());
            pruned.append(each.prunedAfter());
            before.append(each.sparsityBefore());
            after.append(each.sparsityAfter());
            each.threshold().ifPresentOrElse(threshold::append, threshold::appendMissing);
            allParameters += each.parameters();
            allBefore += each.prunedBefore();
            allAfter += each.prunedAfter();
        }
        layer.append(ALL_SELECTED);
        tensor.append("");
        parameters.append(allParameters);
        pruned.append(allAfter);
        before.append(allParameters == 0 ? 0 : (double) allBefore / allParameters);
        after.append(allParameters == 0 ? 0 : (double) allAfter / allParameters);
        threshold.appendMissing();

        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        pruned.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        before.setPrintFormatter(NumberColumnFormatter.percent(1));
        after.setPrintFormatter(NumberColumnFormatter.percent(1));
        threshold.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(5));
        return Table.create(title, layer, tensor, parameters, pruned, before, after, threshold);
    }
}
