package io.github.slim4j.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeClassPathTest {

    @TempDir
    Path temp;

    private Path jar(Path file, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return file;
        }
    }

    @Test
    void aJarsManifestClassPathIsExpandedInPlaceRelativeToTheJar() throws IOException {
        Path library = jar(temp.resolve("lib/library.jar"), null);
        Path nested = jar(temp.resolve("lib/nested.jar"), "library.jar");
        Path main = jar(temp.resolve("main.jar"), "lib/nested.jar " + library.toUri());
        Path classes = Files.createDirectories(temp.resolve("classes"));
        assertEquals(List.of(main, nested, library, classes), RuntimeClassPath.expand(List.of(main, classes)));
    }

    @Test
    void missingEntriesAreSkippedAsTheJvmSkipsThem() throws IOException {
        Path main = jar(temp.resolve("main.jar"), "lib/never-shipped.jar");
        assertEquals(List.of(main), RuntimeClassPath.expand(List.of(main, temp.resolve("gone"))));
    }

    @Test
    void thisJvmsClassPathIncludesTheKernelsDependencies() {
        assertTrue(RuntimeClassPath.ofThisJvm().stream().anyMatch(entry -> entry.getFileName().toString().startsWith("jupyter-jvm-basekernel")));
    }
}
