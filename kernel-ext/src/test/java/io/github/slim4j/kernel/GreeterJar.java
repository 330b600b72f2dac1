package io.github.slim4j.kernel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds a jar with one class, {@code demo.Greeter}, that is on no class path. */
final class GreeterJar {

    private GreeterJar() {
    }

    static Path write(Path jar) throws IOException {
        Path sources = Files.createDirectories(jar.resolveSibling("greeter-src/demo"));
        Path source = Files.writeString(sources.resolve("Greeter.java"),
                "package demo; public class Greeter { public String greet() { return \"hello from a jar\"; } }");
        Path classes = Files.createDirectories(jar.resolveSibling("greeter-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", classes.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile " + source);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry("demo/Greeter.class"));
            entries.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            entries.closeEntry();
        }
        return jar;
    }
}
