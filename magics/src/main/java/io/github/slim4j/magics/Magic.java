package io.github.slim4j.magics;

import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Syntax;
import tech.tablesaw.api.Table;

/**
 * One slim4j command, such as {@code %model}. A magic declares its grammar and does its work; it
 * never parses text, formats usage, or talks to a kernel directly.
 *
 * <p>To add a magic: declare its parameters as constants, build its {@link Syntax} from them, read
 * them back from {@link Arguments} in {@link #run}, show results through
 * {@link MagicContext#out()}, and add an instance to {@link MagicCatalog#standard()}.
 */
public interface Magic {

    /** The declared grammar, from which parsing, help and usage errors all come. */
    Syntax syntax();

    /**
     * Does the work, with arguments already parsed and variables already looked up.
     *
     * @return the table this magic displayed, so that {@code var t = %model net} keeps it
     * @throws MagicException when the request cannot be carried out; nothing has been changed
     */
    Table run(Arguments arguments, MagicContext context);
}
