package io.github.slim4j.benchmarks;

import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Variables in a map; displays are counted and dropped after being rendered, as any notebook's are. */
final class MapNotebook implements Notebook {
    final Map<String, Object> variables = new HashMap<>();
    long displays;

    @Override
    public Variable lookup(String name) {
        return variables.containsKey(name) ? Variable.of(variables.get(name)) : Variable.absent();
    }

    @Override
    public void define(String name, String javaType, Object value) {
        variables.put(name, value);
    }

    @Override
    public void display(MimeBundle output, Optional<String> displayId) {
        displays++;
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle output) {
        displays++;
    }
}
