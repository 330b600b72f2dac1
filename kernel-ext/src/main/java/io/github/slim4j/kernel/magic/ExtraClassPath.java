package io.github.slim4j.kernel.magic;

import java.nio.file.Path;
import java.util.List;

/** Jars and class directories added to a running kernel, for the snippets that follow. */
public interface ExtraClassPath {

    /** Adds an existing jar or class directory. */
    void add(Path entry);

    /** Everything added in this session, in order. */
    List<Path> added();
}
