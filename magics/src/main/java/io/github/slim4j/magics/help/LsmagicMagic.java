package io.github.slim4j.magics.help;

import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Syntax;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.function.Supplier;

/** {@code %lsmagic}: every magic with its usage and one-line summary. */
public final class LsmagicMagic implements Magic {

    private static final Syntax SYNTAX = Syntax.builder("lsmagic", "List every magic with its usage")
            .description("Each row is one magic. `%help NAME` shows one magic in full.")
            .example("%lsmagic")
            .build();

    private final Supplier<List<Syntax>> catalog;

    public LsmagicMagic(Supplier<List<Syntax>> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Table magics = MagicList.of(catalog.get());
        context.out().table(magics);
        return magics;
    }
}
