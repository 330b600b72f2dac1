package io.github.slim4j.kernel.runtime;

import io.github.slim4j.kernel.timing.TimingMagics;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * What code running in a cell can ask of the kernel running it: magics and rich output. The
 * static helpers of this package ({@link MagicCalls}, {@link Display}) reach it through
 * {@link ActiveKernel}, because a JShell snippet can only call static code.
 */
public interface CellServices {

    /**
     * Runs a line magic.
     *
     * @param words the text after the magic's name, as typed
     * @return what the magic returned
     */
    Object lineMagic(String name, String words);

    /** The timing magics, which take Java code rather than words. */
    TimingMagics timing();

    /** Renders a value as rich output; with no MIME types, in the value's preferred ones. */
    DisplayData render(Object value, String... mimeTypes);

    void display(DisplayData data);

    /** Replaces the output shown with {@code data}'s display id. */
    void updateDisplay(DisplayData data);

    void clearOutput(boolean wait);
}
