package io.github.slim4j.kernel.magic;

import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import tech.tablesaw.api.Table;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code %classpath [PATH]}: with no argument, lists what {@code %jars} and {@code %classpath}
 * added; with one, adds its jars and class directories. PATH is written like {@code java -cp}
 * takes it, entries separated by {@value File#pathSeparator}.
 */
public final class ClasspathMagic implements Magic {

    static final Positional<String> PATH = Positional.optional("PATH",
            new Text("PATH", "jars and class directories separated by " + File.pathSeparator), "what to add; omit it to list what was added");

    private static final Syntax SYNTAX = Syntax.builder("classpath", "List or extend the class path")
            .description("Without PATH, lists the jars and directories added to the class path in this session."
                    + " With PATH, adds them for the cells that follow. PATH is written as for `java -cp`:"
                    + " entries separated by `" + File.pathSeparator + "`, each an existing jar or class directory.")
            .positional(PATH)
            .example("%classpath")
            .example("%classpath target/classes" + File.pathSeparator + "lib/extra.jar")
            .build();

    private final ExtraClassPath classPath;

    public ClasspathMagic(ExtraClassPath classPath) {
        this.classPath = classPath;
    }

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Optional<String> path = arguments.optional(PATH);
        Table table;
        if (path.isPresent()) {
            List<Path> entries = existingEntries(path.get());
            entries.forEach(classPath::add);
            table = ClassPathTable.of("class path added", entries);
        } else {
            table = ClassPathTable.of("class path added in this session", classPath.added());
        }
        context.out().table(table);
        return table;
    }

    private static List<Path> existingEntries(String path) {
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path resolved = Path.of(entry).toAbsolutePath().normalize();
            if (!Files.exists(resolved)) {
                throw new MagicException("%classpath: no such jar or directory: " + entry);
            }
            entries.add(resolved);
        }
        return entries;
    }
}
