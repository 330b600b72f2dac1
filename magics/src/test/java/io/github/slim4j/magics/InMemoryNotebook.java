package io.github.slim4j.magics;

import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A notebook without a kernel: variables in a map, and every output recorded in order. */
public final class InMemoryNotebook implements Notebook {

    /** One call to display or updateDisplay. */
    public record Shown(MimeBundle bundle, Optional<String> displayId, boolean update) { }

    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Map<String, String> declaredTypes = new LinkedHashMap<>();
    private final List<Shown> shown = new ArrayList<>();
    private Path workingDirectory = Path.of("").toAbsolutePath();

    public InMemoryNotebook with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    /** A notebook whose files (relative paths in magics) live in this folder. */
    public InMemoryNotebook in(Path folder) {
        workingDirectory = folder.toAbsolutePath();
        return this;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public Variable lookup(String name) {
        return variables.containsKey(name) ? Variable.of(variables.get(name)) : Variable.absent();
    }

    @Override
    public void define(String name, String javaType, Object value) {
        variables.put(name, value);
        declaredTypes.put(name, javaType);
    }

    @Override
    public void display(MimeBundle output, Optional<String> displayId) {
        shown.add(new Shown(output, displayId, false));
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle output) {
        shown.add(new Shown(output, Optional.of(displayId), true));
    }

    @Override
    public List<String> variableNames() {
        return List.copyOf(variables.keySet());
    }

    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** The outputs that are not progress updates, in order. */
    public List<MimeBundle> displays() {
        return shown.stream().filter(s -> !s.update() && s.displayId().isEmpty()).map(Shown::bundle).toList();
    }

    public Object variable(String name) {
        return variables.get(name);
    }

    public Optional<String> declaredType(String name) {
        return Optional.ofNullable(declaredTypes.get(name));
    }
}
