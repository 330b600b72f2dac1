package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorPruning;
import io.github.slim4j.core.prune.search.HillClimbSearch;
import io.github.slim4j.core.prune.search.SearchGoal;
import io.github.slim4j.core.prune.search.SearchResult;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.ProgressBar;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;

/**
 * {@code %prune MODEL --search --data VAL (--target S | --max-drop D)}: per-layer sparsities
 * chosen by hill climbing on validation accuracy, then applied.
 */
final class SearchPrune {

    private SearchPrune() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        if (!model.isNetwork()) {
            throw new MagicException("%prune: --search measures accuracy, so MODEL must be a DL4J network, not "
                    + (model.kind().startsWith("I") ? "an " : "a ") + model.kind());
        }
        SearchGoal goal = arguments.optional(PruneOptions.TARGET)
                .<SearchGoal>map(SearchGoal.TargetSparsity::new)
                .orElseGet(() -> new SearchGoal.MaxDrop(arguments.optional(PruneOptions.MAX_DROP).orElseThrow()));
        Selection selection = PruneOptions.selection(arguments);
        List<ParamTensor> tensors = selection.apply(model);
        ZeroCounts before = ZeroCounts.of(tensors);

        ProgressBar bar = context.out().progress("search for " + name);
        SearchResult result = HillClimbSearch.run(model, arguments.optional(PruneOptions.DATA).orElseThrow().value(),
                goal, selection, bar);
        String figure = String.format(Locale.ROOT, "best: sparsity %.1f%%, accuracy %.2f%% (dense %.2f%%), %d points measured",
                100 * result.bestSparsity(), 100 * result.bestAccuracy(), 100 * result.baselineAccuracy(), result.path().size());
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.path().size(), -1, figure);
        }
        List<TensorPruning> rows = before.to(tensors);
        Table table = PruneTable.of("pruning of " + name + " found by search", rows);
        context.out().table(table);
        context.out().chart(SearchPathChart.of(name + ": search path", result));
        context.out().chart(SparsityBars.beforeAndAfter(name + ": sparsity per tensor", rows));
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, name + " has the best point found so far: " + figure);
    }
}
