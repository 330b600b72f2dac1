package io.github.slim4j.kernel.cli;

import io.github.slim4j.kernel.install.InstallTarget;
import io.github.slim4j.kernel.install.KernelSpecInstaller;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses {@code slim4j COMMAND [ARGS]}. */
public final class CommandLine {

    public static final String USAGE = """
            usage: slim4j COMMAND [ARGS]

              install [--user | --prefix DIR | --jupyter-path DIR] [--name NAME]
                  Install the Jupyter kernelspec (default: --user, name slim4j). The kernel's jars
                  are copied into the kernelspec, so it keeps working when the build changes.
                  --user              the user's Jupyter data directory (jupyter --data-dir)
                  --prefix DIR        DIR/share/jupyter/kernels, as for a virtualenv
                  --jupyter-path DIR  DIR/kernels, for a directory on JUPYTER_PATH
              uninstall [--user | --prefix DIR | --jupyter-path DIR] [--name NAME]
                  Remove the kernelspec.
              run NOTEBOOK.ipynb [--out OUT.ipynb] [--html OUT.html]
                  Execute a notebook without Jupyter; exit 1 when a cell fails.
              kernel CONNECTION_FILE
                  Serve Jupyter (the kernelspec runs this).
              help
                  Show this text.
            """;

    // Jupyter's rule for kernelspec names.
    private static final Pattern KERNEL_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<String, String> environment;
    private final Path home;

    /** @param environment and {@code home} locate the user's Jupyter data directory */
    public CommandLine(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    public Command parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given; run 'slim4j help' for the commands");
        }
        Words words = new Words(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "kernel" -> parseKernel(words);
            case "install" -> parseInstall(words, false);
            case "uninstall" -> parseInstall(words, true);
            case "run" -> parseRun(words);
            case "help", "--help", "-h" -> new Command.Help();
            default -> throw new UsageException("unknown command '" + args.get(0) + "'; expected install, uninstall, run, kernel or help");
        };
    }

    private static Command parseKernel(Words words) throws UsageException {
        Path connectionFile = words.existingFile("CONNECTION_FILE", "kernel");
        if (words.hasNext()) {
            throw new UsageException("unexpected argument '" + words.next() + "' after kernel CONNECTION_FILE");
        }
        return new Command.Kernel(connectionFile);
    }

    private Command parseInstall(Words words, boolean uninstall) throws UsageException {
        String command = uninstall ? "uninstall" : "install";
        InstallTarget target = null;
        String name = KernelSpecInstaller.DEFAULT_NAME;
        while (words.hasNext()) {
            String option = words.next();
            if (option.equals("--name")) {
                name = kernelName(words.value(option));
                continue;
            }
            InstallTarget chosen = switch (option) {
                case "--user" -> InstallTarget.User.fromEnvironment(environment, home);
                case "--prefix" -> new InstallTarget.Prefix(words.path(option));
                case "--jupyter-path" -> new InstallTarget.JupyterPath(words.path(option));
                default -> throw new UsageException("unknown option '" + option + "' for " + command
                        + "; expected --user, --prefix DIR, --jupyter-path DIR or --name NAME");
            };
            if (target != null) {
                throw new UsageException(option + " conflicts with an earlier target; give one of --user, --prefix, --jupyter-path");
            }
            target = chosen;
        }
        InstallTarget where = target != null ? target : InstallTarget.User.fromEnvironment(environment, home);
        return uninstall ? new Command.Uninstall(where, name) : new Command.Install(where, name);
    }

    private static String kernelName(String name) throws UsageException {
        if (!KERNEL_NAME.matcher(name).matches()) {
            throw new UsageException("--name '" + name + "' is not a kernelspec name; use letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private static Command parseRun(Words words) throws UsageException {
        Path notebook = words.existingFile("NOTEBOOK.ipynb", "run");
        Optional<Path> out = Optional.empty();
        Optional<Path> html = Optional.empty();
        while (words.hasNext()) {
            String option = words.next();
            switch (option) {
                case "--out" -> out = Optional.of(words.path(option));
                case "--html" -> html = Optional.of(words.path(option));
                default -> throw new UsageException("unknown option '" + option + "' for run; expected --out OUT.ipynb or --html OUT.html");
            }
        }
        return new Command.Run(notebook, out, html);
    }

    /** The arguments after the command, read left to right. */
    private static final class Words {
        private final List<String> words;
        private int next;

        Words(List<String> words) {
            this.words = words;
        }

        boolean hasNext() {
            return next < words.size();
        }

        String next() {
            return words.get(next++);
        }

        String value(String option) throws UsageException {
            if (!hasNext() || words.get(next).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return next();
        }

        Path path(String option) throws UsageException {
            return Path.of(value(option)).toAbsolutePath().normalize();
        }

        Path existingFile(String metavar, String command) throws UsageException {
            if (!hasNext()) {
                throw new UsageException(command + " needs " + metavar);
            }
            String given = next();
            Path file = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new UsageException(metavar + " '" + given + "' is not a file");
            }
            return file;
        }
    }
}
