package io.github.slim4j.kernel.notebook;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The cell that stopped a run, and why.
 *
 * @param cellNumber the cell's position among all the notebook's cells, from 1, as a reader counts
 *                   them in Jupyter (markdown cells included)
 * @param firstLine  the first non-blank line of the cell's source, to recognize the cell by
 * @param ename      the error's name, for example {@code MagicException}
 * @param evalue     the error's message as the kernel gave it, possibly several lines
 */
public record CellFailure(int cellNumber, String firstLine, String ename, String evalue) {

    static CellFailure of(int cellNumber, String source, String ename, String evalue) {
        String firstLine = source.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
        return new CellFailure(cellNumber, firstLine, ename, evalue);
    }

    /**
     * One line, for a terminal: {@code cell 4 failed (%model nett): MagicException: %model: ...}.
     * A multi-line {@code evalue} (a compiler's diagnostics) is joined into that line rather than cut,
     * because without {@code --out} or {@code --html} this line is all the user sees.
     */
    public String message() {
        String oneLineValue = Arrays.stream(evalue.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
        String error = oneLineValue.isEmpty() ? ename : ename + ": " + oneLineValue;
        return "cell " + cellNumber + " failed (" + firstLine + "): " + error;
    }
}
