package io.github.slim4j.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * Rich output from Java code in a cell; every notebook imports these statically. Tablesaw tables
 * and XChart charts render as HTML and images, anything else as its {@code toString()}.
 *
 * <pre>{@code
 * String id = display(chart);          // shows it now, returns the id to update it by
 * updateDisplay(id, newerChart);       // replaces it in place
 * display(table, "text/plain");        // only the given MIME types
 * clearOutput();                       // clears the cell's output so far
 * }</pre>
 */
public final class Display {

    private Display() {
    }

    /** Shows the value below the cell; returns its display id. */
    public static String display(Object value) {
        return display(value, new String[0]);
    }

    /** Shows the value in the given MIME types only; returns its display id. */
    public static String display(Object value, String... mimeTypes) {
        DisplayData data = render(value, mimeTypes);
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        data.setDisplayId(id);
        ActiveKernel.get().display(data);
        return id;
    }

    /** The rich output for a value without showing it, for example to return from a cell. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return ActiveKernel.get().render(value, mimeTypes);
    }

    /** Replaces the output shown under {@code displayId} with the value. */
    public static void updateDisplay(String displayId, Object value) {
        DisplayData data = render(value);
        data.setDisplayId(displayId);
        ActiveKernel.get().updateDisplay(data);
    }

    /** Clears the output the cell has shown so far. */
    public static void clearOutput() {
        ActiveKernel.get().clearOutput(false);
    }
}
