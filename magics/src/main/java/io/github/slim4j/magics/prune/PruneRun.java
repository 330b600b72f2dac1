package io.github.slim4j.magics.prune;

import tech.tablesaw.api.Table;

import java.util.Optional;

/**
 * How one of {@code %prune}'s modes ended: the table it showed, and when an interrupt stopped it,
 * what the model kept, as the sentence the magic's error ends with.
 */
record PruneRun(Table table, Optional<String> interruptedKeeping) {

    static PruneRun finished(Table table) {
        return new PruneRun(table, Optional.empty());
    }

    static PruneRun interrupted(Table table, String keeping) {
        return new PruneRun(table, Optional.of(keeping));
    }
}
