package io.github.slim4j.magics.help;

import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Usage;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** The table of available magics shared by {@code %lsmagic} and {@code %help}. */
final class MagicList {

    private MagicList() {
    }

    static Table of(List<Syntax> syntaxes) {
        StringColumn magic = StringColumn.create("magic");
        StringColumn usage = StringColumn.create("usage");
        StringColumn summary = StringColumn.create("summary");
        for (Syntax syntax : syntaxes) {
            magic.append("%" + syntax.name());
            usage.append(Usage.synopsis(syntax));
            summary.append(syntax.summary());
        }
        return Table.create("slim4j magics", magic, usage, summary);
    }
}
