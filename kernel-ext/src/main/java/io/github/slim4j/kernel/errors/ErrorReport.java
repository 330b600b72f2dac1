package io.github.slim4j.kernel.errors;

import java.util.List;

/**
 * A failed cell as Jupyter's {@code error} output shows it.
 *
 * @param ename     the error's name, such as {@code MagicError} or {@code NullPointerException}
 * @param evalue    one line saying what went wrong; never empty
 * @param traceback the lines to show, possibly with ANSI colours
 */
public record ErrorReport(String ename, String evalue, List<String> traceback) {

    public ErrorReport {
        traceback = List.copyOf(traceback);
    }
}
