package io.github.slim4j.kernel.magic;

import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %jars GLOB...}: adds jars to the class path of the cells that follow, as in IJava. */
public final class JarsMagic implements Magic {

    static final Positional<String> GLOBS = Positional.oneOrMore("GLOB",
            new Text("GLOB", "a jar file or a glob such as lib/*.jar"), "the jars to add; globs match files (** crosses directories)");

    private static final Syntax SYNTAX = Syntax.builder("jars", "Add jars to the class path")
            .description("Adds every jar the globs match to the class path of the cells that follow, so their classes"
                    + " can be imported. Relative paths start at the kernel's working directory."
                    + " `%classpath` lists what was added.")
            .positional(GLOBS)
            .example("%jars lib/*.jar")
            .example("%jars /opt/models/custom-layers.jar")
            .build();

    private final ExtraClassPath classPath;

    public JarsMagic(ExtraClassPath classPath) {
        this.classPath = classPath;
    }

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        List<Path> jars = new ArrayList<>();
        for (String glob : arguments.all(GLOBS)) {
            List<Path> matches = matching(glob);
            if (matches.isEmpty()) {
                throw new MagicException("%jars: no file matches '" + glob + "'; give a jar path or a glob such as lib/*.jar");
            }
            jars.addAll(matches);
        }
        jars.forEach(classPath::add);
        Table added = ClassPathTable.of("jars added", jars);
        context.out().table(added);
        return added;
    }

    private static List<Path> matching(String glob) {
        List<Path> matches = new ArrayList<>();
        try {
            for (Path path : new GlobFinder(glob).computeMatchingPaths()) {
                if (Files.isRegularFile(path)) {
                    matches.add(path.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files for '" + glob + "'", e);
        }
        return matches;
    }
}
