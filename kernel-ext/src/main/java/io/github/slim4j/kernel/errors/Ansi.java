package io.github.slim4j.kernel.errors;

import io.github.spencerpark.jupyter.kernel.util.TextColor;

/** The few ANSI styles error tracebacks use; Jupyter frontends render them as colours. */
final class Ansi {

    private Ansi() {
    }

    static String red(String text) {
        return TextColor.BOLD_RED_FG.getAnsiEscape() + text + TextColor.RESET_ALL.getAnsiEscape();
    }

    static String highlighted(String text) {
        return TextColor.RED_BG.getAnsiEscape() + text + TextColor.RESET_ALL.getAnsiEscape();
    }
}
