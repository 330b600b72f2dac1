package io.github.slim4j.kernel.notebook;

import java.io.IOException;

/**
 * The file given to the runner is not an nbformat 4 notebook. The message is one line that names
 * the file and what is wrong with it.
 */
public final class InvalidNotebookException extends IOException {

    InvalidNotebookException(String message) {
        super(message);
    }
}
