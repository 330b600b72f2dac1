package io.github.slim4j.kernel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell that is only {@code NAME?}, such as {@code String?} or {@code Math.max?}: as in IPython,
 * it shows the name's documentation in the pager (an {@code execute_reply} payload with source
 * {@code page}) instead of running anything.
 */
final class PagerRequest {

    private static final Pattern NAME_QUESTION = Pattern.compile("\\s*([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*)\\s*\\?\\s*");

    private PagerRequest() {
    }

    /** The name asked about, when the whole cell is such a request. */
    static Optional<String> nameIn(String cell) {
        Matcher matcher = NAME_QUESTION.matcher(cell);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
