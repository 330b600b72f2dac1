package io.github.slim4j.kernel;

import io.github.slim4j.kernel.jshell.JavaSession;
import io.github.slim4j.kernel.magic.ExtraClassPath;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The class path additions of one JShell session, for {@code %jars} and {@code %classpath}. */
final class SessionClassPath implements ExtraClassPath {

    private final Supplier<JavaSession> session;
    private final List<Path> added = new ArrayList<>();

    SessionClassPath(Supplier<JavaSession> session) {
        this.session = session;
    }

    @Override
    public synchronized void add(Path entry) {
        session.get().shell().addToClasspath(entry.toString());
        added.add(entry);
    }

    @Override
    public synchronized List<Path> added() {
        return List.copyOf(added);
    }
}
