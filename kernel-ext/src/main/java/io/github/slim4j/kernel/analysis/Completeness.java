package io.github.slim4j.kernel.analysis;

/**
 * The answer to Jupyter's {@code is_complete_request}.
 *
 * @param status what the console should do with the code
 * @param indent for {@link Status#INCOMPLETE}, what the next line should start with
 */
public record Completeness(Status status, String indent) {

    public enum Status {
        /** Run it. */
        COMPLETE,
        /** Let the user keep typing. */
        INCOMPLETE,
        /** Run it anyway: it cannot become valid by adding lines, and the error says why. */
        INVALID
    }

    public static final Completeness COMPLETE = new Completeness(Status.COMPLETE, "");
    public static final Completeness INVALID = new Completeness(Status.INVALID, "");

    public static Completeness incomplete(String indent) {
        return new Completeness(Status.INCOMPLETE, indent);
    }
}
