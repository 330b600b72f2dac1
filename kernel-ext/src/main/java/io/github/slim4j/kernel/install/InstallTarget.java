package io.github.slim4j.kernel.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where a kernelspec goes: the directory that holds kernelspec directories. */
public sealed interface InstallTarget {

    Path kernelsDirectory();

    /** The user's Jupyter data directory, as {@code jupyter --data-dir} prints it. */
    record User(Path dataDirectory) implements InstallTarget {

        /** Follows jupyter_core: {@code JUPYTER_DATA_DIR}, else the platform's user data directory. */
        public static User fromEnvironment(Map<String, String> environment, Path home) {
            String explicit = environment.get("JUPYTER_DATA_DIR");
            if (explicit != null && !explicit.isBlank()) {
                return new User(Path.of(explicit));
            }
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (os.contains("mac")) {
                return new User(home.resolve("Library/Jupyter"));
            }
            if (os.contains("win")) {
                return new User(Path.of(environment.getOrDefault("APPDATA", home.toString()), "jupyter"));
            }
            String xdg = environment.get("XDG_DATA_HOME");
            Path data = xdg == null || xdg.isBlank() ? home.resolve(".local/share") : Path.of(xdg);
            return new User(data.resolve("jupyter"));
        }

        @Override
        public Path kernelsDirectory() {
            return dataDirectory.resolve("kernels");
        }
    }

    /** A Python-style prefix such as a virtualenv: {@code PREFIX/share/jupyter/kernels}. */
    record Prefix(Path prefix) implements InstallTarget {
        @Override
        public Path kernelsDirectory() {
            return prefix.resolve("share/jupyter/kernels");
        }
    }

    /** A directory to put on {@code JUPYTER_PATH}: {@code DIR/kernels}. */
    record JupyterPath(Path directory) implements InstallTarget {
        @Override
        public Path kernelsDirectory() {
            return directory.resolve("kernels");
        }
    }
}
