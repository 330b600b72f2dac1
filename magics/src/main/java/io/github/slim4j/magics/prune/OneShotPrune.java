package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneReport;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import tech.tablesaw.api.Table;

import java.util.Optional;

/** {@code %prune MODEL --sparsity S [--method ...]}: one prune, now. */
final class OneShotPrune {

    private OneShotPrune() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        Criterion criterion = PruneOptions.criterion(arguments);
        PruneSpec spec = new PruneSpec(criterion, amount(criterion, arguments.optional(PruneOptions.SPARSITY)),
                PruneOptions.scope(arguments), PruneOptions.selection(arguments));
        PruneReport report = Pruner.prune(model, spec);
        Table table = PruneTable.of("pruning of " + name, report.tensors());
        context.out().table(table);
        context.out().chart(SparsityBars.beforeAndAfter(name + ": sparsity per tensor", report.tensors()));
        return ModeRun.finished(table);
    }

    /** N:M fixes its own share, 1 − N/M; every other method needs --sparsity. */
    private static Amount amount(Criterion criterion, Optional<Amount> sparsity) {
        if (criterion instanceof Criterion.NofM pattern) {
            if (sparsity.isPresent()) {
                throw new MagicException("%prune: --sparsity does not go with --method nm, whose N:M pattern fixes the sparsity at 1 - N/M");
            }
            return new Amount.Fraction(1.0 - (double) pattern.n() / pattern.m());
        }
        return sparsity.orElseThrow(() -> new MagicException(
                "%prune: say how much to prune with --sparsity S, or use --schedule agp or --search (see %help prune)"));
    }
}
