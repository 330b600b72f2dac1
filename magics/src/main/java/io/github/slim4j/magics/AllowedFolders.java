package io.github.slim4j.magics;

import io.github.slim4j.core.Slim4jException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The folders whose files magics may read and write ({@code %load}, {@code %save}, {@code %export}),
 * so that a notebook shared with others cannot overwrite or read files elsewhere by a path:
 * the notebook's folder and the one above it (where a project keeps {@code models/} beside
 * {@code notebooks/}), the user's home, the temporary folder, and the folders listed in
 * {@value #VARIABLE} (separated as in a class path). Links are followed before the check.
 */
public final class AllowedFolders {
    /** The environment variable that lists more folders. */
    public static final String VARIABLE = "SLIM4J_ALLOWED_PATHS";

    private final List<Path> roots;

    private AllowedFolders(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** These folders and everything under them. */
    public static AllowedFolders of(List<Path> roots) {
        Set<Path> real = new LinkedHashSet<>();
        roots.forEach(root -> real.add(realPath(root.toAbsolutePath().normalize())));
        return new AllowedFolders(new ArrayList<>(real));
    }

    /** The standard folders for a notebook in {@code workingDirectory}, with those {@code listed} in the variable (may be null). */
    public static AllowedFolders standard(Path workingDirectory, String listed) {
        List<Path> roots = new ArrayList<>();
        Path notebook = workingDirectory.toAbsolutePath().normalize();
        roots.add(notebook);
        Optional.ofNullable(notebook.getParent()).ifPresent(roots::add);
        roots.add(Path.of(System.getProperty("user.home")));
        roots.add(Path.of(System.getProperty("java.io.tmpdir")));
        if (listed != null) {
            for (String folder : listed.split(File.pathSeparator)) {
                if (!folder.isBlank()) {
                    roots.add(Path.of(folder.strip()));
                }
            }
        }
        return of(roots);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * @throws Slim4jException naming the argument, the path, and the folders allowed
     */
    public Path check(String argument, Path file) {
        Path real = realPath(file.toAbsolutePath().normalize());
        if (roots.stream().noneMatch(real::startsWith)) {
            throw new Slim4jException(argument + " '" + file + "' is outside the folders slim4j may read and write ("
                    + roots.stream().map(Path::toString).collect(Collectors.joining(", ")) + "); add its folder to " + VARIABLE);
        }
        return file;
    }

    /** The path with the links of its longest existing part resolved, so that a link cannot lead out of a folder. */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
