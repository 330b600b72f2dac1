package io.github.slim4j.kernel.timing;

import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Syntax;
import tech.tablesaw.api.Table;

/**
 * {@code %time} or {@code %timeit} in a magic catalog, so that {@code %help} and {@code %lsmagic}
 * describe them. The kernel runs them itself ({@link TimingMagics}): they take Java code, which
 * must reach the kernel as typed, not split into words.
 */
public final class TimingMagic implements Magic {

    private final Syntax syntax;

    public TimingMagic(Syntax syntax) {
        this.syntax = syntax;
    }

    @Override
    public Syntax syntax() {
        return syntax;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        throw new MagicException("%" + syntax.name() + ": this kernel passes magics their words, not the Java code as typed;"
                + " %" + syntax.name() + " works in the slim4j kernel");
    }
}
