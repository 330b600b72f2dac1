package io.github.slim4j.kernel;

import io.github.slim4j.core.network.Dl4jHelpers;
import io.github.slim4j.kernel.cli.Command;
import io.github.slim4j.kernel.cli.CommandLine;
import io.github.slim4j.kernel.cli.UsageException;
import io.github.slim4j.kernel.install.KernelSpecInstaller;
import io.github.slim4j.kernel.notebook.CellFailedException;
import io.github.slim4j.kernel.notebook.NotebookRunner;
import io.github.slim4j.kernel.notebook.RunReport;
import io.github.slim4j.kernel.protocol.KernelServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code slim4j} command: {@code install}, {@code uninstall}, {@code run}, {@code kernel},
 * {@code help}. Exit codes: 0 done, 1 failed (a notebook cell, a file), 2 bad command line.
 */
public final class Main {

    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        // Charts are drawn into images; with no display the kernel must never try to open one.
        System.setProperty("java.awt.headless", "true");
        // Before any cell builds a network: DL4J decides on its oneDNN helpers when it creates layers.
        Dl4jHelpers.enable();
        CommandLine commandLine = new CommandLine(System.getenv(), Path.of(System.getProperty("user.home")));
        Command command;
        try {
            command = commandLine.parse(List.of(args));
        } catch (UsageException e) {
            System.err.println("slim4j: " + e.getMessage());
            System.exit(BAD_USAGE);
            return;
        }
        System.exit(run(command));
    }

    private static int run(Command command) {
        try {
            if (command instanceof Command.Kernel kernel) {
                LaunchLine.warning(LaunchLine.currentBytes()).ifPresent(System.err::println);
                KernelServer.serve(kernel.connectionFile());
            } else if (command instanceof Command.Install install) {
                Path spec = installer().install(install.target(), install.name());
                System.out.println("Installed the " + install.name() + " kernelspec in " + spec);
            } else if (command instanceof Command.Uninstall uninstall) {
                Path spec = KernelSpecInstaller.uninstall(uninstall.target(), uninstall.name());
                System.out.println(spec == null
                        ? "No " + uninstall.name() + " kernelspec in " + uninstall.target().kernelsDirectory()
                        : "Removed the " + uninstall.name() + " kernelspec from " + spec);
            } else if (command instanceof Command.Run run) {
                RunReport report = NotebookRunner.embedded().run(run.notebook(), run.out(), run.html());
                System.out.printf(Locale.ROOT, "Ran %d cells of %s in %.1f s%n",
                        report.cellsRun(), run.notebook().getFileName(), report.elapsed().toMillis() / 1000.0);
            } else {
                System.out.print(CommandLine.USAGE);
            }
            return 0;
        } catch (CellFailedException e) {
            System.err.println(e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            System.err.println("slim4j: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            System.err.println("slim4j: " + e);
            return FAILED;
        }
    }

    private static KernelSpecInstaller installer() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new KernelSpecInstaller(RuntimeClassPath.ofThisJvm(), java);
    }
}
