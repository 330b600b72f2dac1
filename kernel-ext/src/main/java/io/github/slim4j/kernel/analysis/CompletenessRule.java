package io.github.slim4j.kernel.analysis;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Decides whether a cell (with its magics already turned into Java) is ready to run.
 *
 * <p>The rule: JShell's {@code analyzeCompletion} splits the code into snippets as it will when
 * the code runs.
 * <ul>
 *   <li>If the code ends inside an unfinished snippet (an open brace, parenthesis, comment or
 *       operator), it is incomplete; the next line is indented like the last one, one level
 *       deeper when that line opens a block or a bracket.</li>
 *   <li>Otherwise every snippet must pass javac's parser ({@link SyntaxCheck}); if one does not
 *       (for example {@code int x = ;} or a stray {@code &#125;}), the code is invalid.
 *       JShell's "unknown" verdict is treated the same way.</li>
 *   <li>Otherwise it is complete. Undefined names do not make code invalid: they are a
 *       compile error that running the cell reports.</li>
 * </ul>
 */
public final class CompletenessRule {

    private static final String INDENT_STEP = "    ";

    private final SourceCodeAnalysis analysis;

    public CompletenessRule(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    public Completeness judge(String code) {
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo next = analysis.analyzeCompletion(rest);
            switch (next.completeness()) {
                case EMPTY:
                    return Completeness.COMPLETE;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (!SyntaxCheck.parses(next.source())) {
                        return Completeness.INVALID;
                    }
                    rest = next.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.incomplete(nextIndent(code));
                default:
                    return SyntaxCheck.parses(rest) ? Completeness.COMPLETE : Completeness.INVALID;
            }
        }
    }

    private static String nextIndent(String code) {
        String lastLine = code.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        String trimmed = lastLine.strip();
        boolean opensLevel = trimmed.endsWith("{") || trimmed.endsWith("(") || trimmed.endsWith("[");
        return opensLevel ? indent + INDENT_STEP : indent;
    }
}
