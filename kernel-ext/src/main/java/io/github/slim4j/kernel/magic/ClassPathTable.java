package io.github.slim4j.kernel.magic;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The table {@code %jars} and {@code %classpath} show: one row per class path entry. */
final class ClassPathTable {

    private ClassPathTable() {
    }

    static Table of(String title, List<Path> entries) {
        StringColumn path = StringColumn.create("path");
        StringColumn kind = StringColumn.create("kind");
        for (Path entry : entries) {
            path.append(entry.toString());
            kind.append(Files.isDirectory(entry) ? "directory" : "jar");
        }
        return Table.create(title, path, kind);
    }
}
