package io.github.slim4j.magics.grammar;

import javax.lang.model.SourceVersion;

/**
 * A notebook variable of some kind, or a path to a file: text that is a Java name is looked up as
 * the variable (with the variable's own errors); anything else that ends with {@code suffix} is a
 * path, resolved later against the notebook's working directory.
 */
public record VariableOrFile<T>(NotebookVariable<T> variable, String suffix) implements ValueType<VariableOrFile.Source<T>> {

    /** What the argument named. */
    public sealed interface Source<T> permits InNotebook, OnDisk {
        /** As the user typed it. */
        String text();
    }

    public record InNotebook<T>(Bound<T> bound) implements Source<T> {
        @Override
        public String text() {
            return bound.name();
        }
    }

    public record OnDisk<T>(String path) implements Source<T> {
        @Override
        public String text() {
            return path;
        }
    }

    @Override
    public Source<T> parse(String text, ParseContext context) throws BadValue {
        if (SourceVersion.isIdentifier(text) && !SourceVersion.isKeyword(text)) {
            return new InNotebook<>(variable.parse(text, context));
        }
        if (!text.endsWith(suffix) || text.length() == suffix.length()) {
            throw new BadValue();
        }
        return new OnDisk<>(text);
    }

    @Override
    public String allowed() {
        return variable.allowed() + ", or a path to a " + suffix + " file";
    }

    @Override
    public String metavar() {
        return variable.metavar();
    }

    @Override
    public String show(Source<T> value) {
        return value.text();
    }
}
