package io.github.slim4j.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jars and class directories this JVM loads application classes from, in order.
 *
 * <p>{@code java.class.path} alone is not the answer when the JVM was started with
 * {@code java -jar slim4j-kernel.jar} (or by a test runner's manifest-only jar): then the real
 * list is in the jar manifest's {@code Class-Path}. The kernel needs the real list twice: to
 * compile JShell snippets against the same classes it runs them with, and to copy the jars into
 * an installed kernelspec.
 */
public final class RuntimeClassPath {

    private RuntimeClassPath() {
    }

    /** This JVM's class path, with every jar's manifest {@code Class-Path} expanded in place. */
    public static List<Path> ofThisJvm() {
        List<Path> declared = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                declared.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return expand(declared);
    }

    /** The given entries, each jar followed by what its manifest adds, without repeats. */
    public static List<Path> expand(List<Path> entries) {
        Set<Path> seen = new LinkedHashSet<>();
        entries.forEach(entry -> addWithManifestClassPath(entry, seen));
        return List.copyOf(seen);
    }

    // Missing entries are skipped, as the JVM skips them: some jars (javacpp's) name jars that are
    // never shipped.
    private static void addWithManifestClassPath(Path entry, Set<Path> seen) {
        if (!Files.exists(entry) || !seen.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        for (Path referenced : manifestClassPath(entry)) {
            addWithManifestClassPath(referenced, seen);
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            // Entries are URLs relative to the jar: "lib/x.jar", or "file:/abs/x.jar" from test runners.
            URI base = jar.toUri();
            List<Path> referenced = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                referenced.add(Path.of(base.resolve(entry)).normalize());
            }
            return referenced;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    /** The entries joined with the platform's path separator, as {@code --class-path} takes them. */
    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
