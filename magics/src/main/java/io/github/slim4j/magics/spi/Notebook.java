package io.github.slim4j.magics.spi;

import io.github.slim4j.magics.AllowedFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a magic needs from the kernel it runs in, and nothing more.
 *
 * <p>Magics never see a kernel class: they see this. That keeps them testable with an in-memory
 * notebook and portable to any kernel that can look up and define variables and show rich output.
 * kernel-ext implements it for our own kernel and for a stock IJava kernel.
 */
public interface Notebook {

    /**
     * The live value of a notebook variable.
     *
     * @return the value, {@link Variable#absent()} when no variable has that name
     */
    Variable lookup(String name);

    /**
     * Defines (or redefines) a notebook variable so that the next cell can use it.
     *
     * @param name     a valid Java identifier
     * @param javaType the static type the variable is declared with, as Java source, for example
     *                 {@code org.nd4j.linalg.api.ndarray.INDArray} or
     *                 {@code java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray>}
     * @param value    the value, which must be assignable to {@code javaType}
     */
    void define(String name, String javaType, Object value);

    /**
     * Shows rich output below the running cell.
     *
     * @param displayId an id to update this output later with {@link #updateDisplay}, or empty
     */
    void display(MimeBundle output, Optional<String> displayId);

    /** Replaces, in place, the output that was displayed with this id. */
    void updateDisplay(String displayId, MimeBundle output);

    /**
     * The folder that relative file paths in magics ({@code %load}, {@code %export}) start from: the
     * notebook's own folder. Jupyter starts a kernel there; a runner that runs a notebook from
     * elsewhere says where it is.
     */
    default Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * The folders whose files magics may read and write: by default {@link AllowedFolders#standard}
     * for {@link #workingDirectory()} and the {@value AllowedFolders#VARIABLE} environment variable.
     */
    default AllowedFolders allowedFolders() {
        return AllowedFolders.standard(workingDirectory(), System.getenv(AllowedFolders.VARIABLE));
    }

    /**
     * Names of the variables currently defined, used only to suggest a name after a typo.
     * Kernels that cannot list variables return an empty list.
     */
    default List<String> variableNames() {
        return List.of();
    }

    /**
     * Names of defined variables that {@code typed}, a name that is not defined, may have meant,
     * for the "did you mean" after a typo: {@link #variableNames()} unless a kernel that cannot list
     * its variables finds candidates another way.
     */
    default List<String> variableNamesNear(String typed) {
        return variableNames();
    }
}
