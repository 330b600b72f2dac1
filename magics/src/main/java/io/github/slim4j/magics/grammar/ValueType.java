package io.github.slim4j.magics.grammar;

/**
 * What one argument's text may be and what it becomes: an integer in a range, one of a few words,
 * a notebook variable of some kind. Parsing and the "allowed" part of every error message come from
 * the same object, so they cannot disagree.
 *
 * @param <T> the parsed value
 */
public sealed interface ValueType<T> permits IntegerRange, DecimalRange, Choice, Text, JavaName, NotebookVariable, VariableOrFile, Converted {

    /**
     * Converts the text the user typed.
     *
     * @throws BadValue when the text is not allowed; its reason completes "got '...'"
     */
    T parse(String text, ParseContext context) throws BadValue;

    /** What is allowed, as a phrase: "an integer from 1 to 512", "one of png, svg, none". */
    String allowed();

    /** The value's placeholder in a synopsis, such as {@code N} or {@code png|svg|none}. */
    String metavar();

    /** Shows a parsed value in help text (defaults) the way a user would type it. */
    default String show(T value) {
        return String.valueOf(value);
    }

    /** A value the user typed that this type does not allow. */
    final class BadValue extends Exception {
        private final boolean describesItself;

        /** The value is outside what {@link #allowed()} says; the parser adds that phrase. */
        public BadValue() {
            super(null, null, false, false);
            this.describesItself = false;
        }

        /** The value has a problem that {@link #allowed()} does not capture, stated in full. */
        public BadValue(String problem) {
            super(problem, null, false, false);
            this.describesItself = true;
        }

        public boolean describesItself() {
            return describesItself;
        }
    }
}
