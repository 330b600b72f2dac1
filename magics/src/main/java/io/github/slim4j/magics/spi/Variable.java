package io.github.slim4j.magics.spi;

/**
 * The result of looking up a notebook variable: either absent, or present with a value that may
 * itself be {@code null}. (An {@code Optional} could not tell "no such variable" from "holds null".)
 */
public sealed interface Variable {

    static Variable absent() {
        return Absent.INSTANCE;
    }

    static Variable of(Object value) {
        return new Present(value);
    }

    /** No variable has the name that was looked up. */
    enum Absent implements Variable { INSTANCE }

    /** A defined variable and its current value. */
    record Present(Object value) implements Variable { }
}
