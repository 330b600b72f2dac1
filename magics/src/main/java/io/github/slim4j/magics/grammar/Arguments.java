package io.github.slim4j.magics.grammar;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed, typed arguments of one magic call, read with the same {@link Parameter} constants
 * the magic declared its {@link Syntax} with.
 */
public final class Arguments {

    private final Map<Parameter, Object> values;

    Arguments(Map<Parameter, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The value of a positional that must be given once. */
    public <T> T get(Positional<T> positional) {
        requireArity(positional, Positional.Arity.ONE);
        return cast(values.get(positional));
    }

    public <T> Optional<T> optional(Positional<T> positional) {
        requireArity(positional, Positional.Arity.OPTIONAL);
        return Optional.ofNullable(cast(values.get(positional)));
    }

    /** The words of a repeated positional, in order; empty when one that may be absent was not given. */
    public <T> List<T> all(Positional<T> positional) {
        if (positional.arity() == Positional.Arity.ZERO_OR_MORE) {
            return values.containsKey(positional) ? cast(values.get(positional)) : List.of();
        }
        requireArity(positional, Positional.Arity.ONE_OR_MORE);
        return cast(values.get(positional));
    }

    /** The value of an option that is required or has a default, so always has a value. */
    public <T> T get(Option<T> option) {
        if (!option.required() && option.defaultValue().isEmpty()) {
            throw new IllegalArgumentException(option.name() + " may be absent; read it with optional()");
        }
        return cast(values.get(option));
    }

    public <T> Optional<T> optional(Option<T> option) {
        return Optional.ofNullable(cast(values.get(option)));
    }

    public boolean isSet(Flag flag) {
        return values.containsKey(flag);
    }

    /** Whether the parameter has a value: a flag that was set, or an option that was typed or has a default. */
    public boolean has(Parameter parameter) {
        return values.containsKey(parameter);
    }

    private static void requireArity(Positional<?> positional, Positional.Arity arity) {
        if (positional.arity() != arity) {
            throw new IllegalArgumentException(positional.metavar() + " is " + positional.arity() + ", not " + arity);
        }
    }

    // The map only ever pairs a parameter with a value parsed by that parameter's own ValueType<T>.
    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
