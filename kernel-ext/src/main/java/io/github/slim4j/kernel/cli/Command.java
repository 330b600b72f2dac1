package io.github.slim4j.kernel.cli;

import io.github.slim4j.kernel.install.InstallTarget;

import java.nio.file.Path;
import java.util.Optional;

/** What the command line asked for. */
public sealed interface Command {

    /** {@code kernel CONNECTION_FILE}: serve Jupyter, as kernel.json starts it. */
    record Kernel(Path connectionFile) implements Command { }

    /** {@code install}: write the kernelspec {@code name} under {@code target}. */
    record Install(InstallTarget target, String name) implements Command { }

    /** {@code uninstall}: remove the kernelspec {@code name} from {@code target}. */
    record Uninstall(InstallTarget target, String name) implements Command { }

    /** {@code run NOTEBOOK}: execute a notebook without Jupyter. */
    record Run(Path notebook, Optional<Path> out, Optional<Path> html) implements Command { }

    /** {@code help}: print the usage. */
    record Help() implements Command { }
}
