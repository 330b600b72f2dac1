package io.github.slim4j.kernel.exec;

/**
 * One request to run a cell.
 *
 * @param code         the cell's source, magics included
 * @param silent       run without showing anything (the protocol's {@code silent}); implies not
 *                     storing history
 * @param storeHistory record it in the history and give it an execution number
 */
public record CellRequest(String code, boolean silent, boolean storeHistory) {

    /** A cell as a notebook runs it: shown and numbered. */
    public static CellRequest of(String code) {
        return new CellRequest(code, false, true);
    }

    public boolean numbered() {
        return storeHistory && !silent;
    }
}
