package io.github.slim4j.magics;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.spi.Notebook;
import java.nio.file.Path;

/** What a running magic works with: the notebook's variables, and where its output goes. */
public record MagicContext(Notebook notebook, MagicOutput out) {

    /** A file path as the user gave it, relative to the notebook's folder unless absolute. */
    public Path file(String path) {
        return notebook.workingDirectory().resolve(path).normalize();
    }

    /**
     * A file path as {@link #file} resolves it, which must lie in the notebook's
     * {@linkplain Notebook#allowedFolders() allowed folders}.
     *
     * @param argument the argument that gave the path, for the error
     * @throws io.github.slim4j.core.Slim4jException when the path leads outside them
     */
    public Path allowedFile(String argument, String path) {
        return notebook.allowedFolders().check(argument, file(path));
    }

    /**
     * Keeps a model the magic made in a new notebook variable, declared with the model's own
     * static type ({@code MultiLayerNetwork}, {@code INDArray}, ...), so the next cell can use it
     * without a cast.
     *
     * <p>Also after an interrupt: a magic that was interrupted keeps what it found so far, and a
     * kernel may refuse to evaluate the definition on a thread whose interrupt flag is set, so
     * the flag is set aside while defining and put back after.
     */
    public void define(String name, ModelHandle model) {
        boolean interrupted = Thread.interrupted();
        try {
            notebook.define(name, model.javaType(), model.unwrap());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
