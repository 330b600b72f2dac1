package io.github.slim4j.kernel;

import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.nio.file.Path;
import java.util.List;

/**
 * The magics' notebook on our own kernel: variables cross exactly as on any basekernel kernel,
 * while updates go to the running cell's output and variable names come from JShell.
 */
final class Slim4jNotebook extends BaseKernelNotebook {

    private final Slim4jKernel kernel;

    Slim4jNotebook(Slim4jKernel kernel) {
        super(kernel);
        this.kernel = kernel;
    }

    @Override
    protected void publishUpdate(DisplayData data) {
        kernel.updateDisplay(data);
    }

    /** Read straight from JShell; a name that is no valid variable goes the general way, which says it is absent. */
    @Override
    public Variable lookup(String name) {
        return kernel.variable(name).orElseGet(() -> super.lookup(name));
    }

    @Override
    public Path workingDirectory() {
        return kernel.workingDirectory();
    }

    @Override
    public List<String> variableNames() {
        return kernel.variableNames();
    }
}
