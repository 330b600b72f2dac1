package io.github.slim4j.magics;

import tech.tablesaw.api.Table;

import java.util.Optional;

/**
 * How one mode of a magic with several ({@code %prune}'s schedule or search, {@code %quantize}'s
 * budget) ended: the table it showed, and when an interrupt stopped it, what the model kept, as the
 * sentence the magic's error ends with.
 */
public record ModeRun(Table table, Optional<String> interruptedKeeping) {

    public static ModeRun finished(Table table) {
        return new ModeRun(table, Optional.empty());
    }

    public static ModeRun interrupted(Table table, String keeping) {
        return new ModeRun(table, Optional.of(keeping));
    }
}
