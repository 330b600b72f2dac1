package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.spi.Variable;

import javax.lang.model.SourceVersion;
import java.util.Optional;
import java.util.function.Function;

/**
 * The name of a notebook variable whose value must be of some kind, such as a model or a data
 * iterator. Parsing looks the variable up, so "no such variable" and "wrong kind of value" are
 * argument errors like any other.
 *
 * @param metavar  placeholder in a synopsis, such as {@code MODEL}
 * @param expected what the variable must hold, completing "expected ...": "a DataSetIterator"
 * @param accept   turns an acceptable value into the argument's value, or empty when it is not one
 */
public record NotebookVariable<T>(String metavar, String expected, Function<Object, Optional<T>> accept)
        implements ValueType<Bound<T>> {

    @Override
    public Bound<T> parse(String text, ParseContext context) throws BadValue {
        if (!SourceVersion.isIdentifier(text) || SourceVersion.isKeyword(text)) {
            throw new BadValue("'" + text + "' is not a variable name; expected the name of " + expected);
        }
        Variable variable = context.notebook().lookup(text);
        if (!(variable instanceof Variable.Present present)) {
            String hint = Suggestions.closest(text, context.notebook().variableNamesNear(text))
                    .map(name -> "; did you mean '" + name + "'?")
                    .orElse("");
            throw new BadValue("'" + text + "' is not a notebook variable" + hint);
        }
        Object value = present.value();
        if (value == null) {
            throw new BadValue("'" + text + "' is null; expected " + expected);
        }
        return accept.apply(value)
                .map(accepted -> new Bound<>(text, accepted))
                .orElseThrow(() -> new BadValue("'" + text + "' holds " + TypeNames.describe(value) + "; expected " + expected));
    }

    @Override
    public String allowed() {
        return "the name of a notebook variable holding " + expected;
    }

    @Override
    public String show(Bound<T> value) {
        return value.name();
    }
}
