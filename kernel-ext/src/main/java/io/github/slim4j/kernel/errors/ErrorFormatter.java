package io.github.slim4j.kernel.errors;

import io.github.slim4j.kernel.jshell.CellInterruptedException;
import io.github.slim4j.kernel.jshell.CompilationException;
import io.github.slim4j.kernel.jshell.SnippetDiagnostic;
import io.github.slim4j.magics.MagicException;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns whatever ended a cell into what the user reads.
 * <ul>
 *   <li>A magic's {@link MagicException}: its one line, nothing else. The user mistyped
 *       something; a stack trace would only bury the message.</li>
 *   <li>A compile error: the offending line with the error marked, and javac's message.</li>
 *   <li>An exception from running code: a Java stack trace, with the snippet's frames as JShell
 *       numbers them ({@code #snippet:line}) and JShell's own frames left out, then its causes.</li>
 *   <li>An interrupt: {@code Interrupted}.</li>
 * </ul>
 * The one-line value is never empty and never "null": an exception without a message is
 * described by its class.
 */
public final class ErrorFormatter {

    // JShell's wrapper classes leak into helpful NullPointerException messages: "REPL.$JShell$12.s".
    private static final Pattern JSHELL_WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?\\.");
    private static final String INTERRUPTED = "Interrupted";

    public ErrorReport format(Throwable failure) {
        if (failure instanceof MagicException magicError) {
            String name = magicError.getClass() == MagicException.class ? "MagicError" : magicError.getClass().getSimpleName();
            return new ErrorReport(name, magicError.getMessage(), List.of(Ansi.red(magicError.getMessage())));
        }
        if (failure instanceof CellInterruptedException) {
            return new ErrorReport(INTERRUPTED, INTERRUPTED, List.of(Ansi.red(INTERRUPTED)));
        }
        if (failure instanceof CompilationException compileError) {
            return compilationError(compileError);
        }
        if (failure instanceof UnresolvedReferenceException unresolved) {
            String message = "attempted to use " + unresolved.getSnippet().name() + ", which cannot run until what it uses is declared";
            return new ErrorReport("UnresolvedReferenceException", message, List.of(Ansi.red(message)));
        }
        List<String> traceback = new ArrayList<>();
        appendTrace(failure, "", traceback);
        return new ErrorReport(simpleName(className(failure)), oneLine(failure), traceback);
    }

    private static ErrorReport compilationError(CompilationException error) {
        List<String> traceback = new ArrayList<>();
        for (SnippetDiagnostic diagnostic : error.diagnostics()) {
            traceback.addAll(markedSourceLine(diagnostic));
            diagnostic.message().lines()
                    // javac names JShell's invisible wrapper class as the location; say nothing instead.
                    .filter(line -> !line.strip().startsWith("location:"))
                    .map(Ansi::red)
                    .forEach(traceback::add);
        }
        if (!error.unresolved().isEmpty()) {
            traceback.add(Ansi.red("cannot be used until declared: " + String.join(", ", error.unresolved())));
        }
        return new ErrorReport("CompilationException", error.getMessage(), traceback);
    }

    private static List<String> markedSourceLine(SnippetDiagnostic diagnostic) {
        String source = diagnostic.source();
        int start = Math.max(0, Math.min(diagnostic.start(), source.length()));
        int lineStart = source.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = source.indexOf('\n', start);
        lineEnd = lineEnd < 0 ? source.length() : lineEnd;
        int end = Math.max(start, Math.min(diagnostic.end(), lineEnd));
        String line = source.substring(lineStart, start) + Ansi.highlighted(source.substring(start, end)) + source.substring(end, lineEnd);
        String caret = " ".repeat(start - lineStart) + "^" + "~".repeat(Math.max(0, end - start - 1));
        return List.of(line, Ansi.red(caret));
    }

    private static void appendTrace(Throwable failure, String prefix, List<String> traceback) {
        String message = message(failure);
        String headline = message == null ? className(failure) : className(failure) + ": " + message;
        traceback.add(Ansi.red(prefix + headline));
        for (StackTraceElement frame : failure.getStackTrace()) {
            traceback.add("    at " + describe(frame));
        }
        if (failure.getCause() != null && failure.getCause() != failure) {
            appendTrace(failure.getCause(), "Caused by: ", traceback);
        }
    }

    // JShell gives snippet frames an empty class name and "#id" as the file.
    private static String describe(StackTraceElement frame) {
        if (frame.getClassName().isEmpty()) {
            return frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }

    private static String oneLine(Throwable failure) {
        String message = message(failure);
        return message == null ? className(failure) : message.lines().findFirst().orElse(className(failure));
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? null : JSHELL_WRAPPER.matcher(message).replaceAll("");
    }

    // An EvalException stands in for the snippet's exception and knows its real class name.
    private static String className(Throwable failure) {
        return failure instanceof EvalException copy ? copy.getExceptionClassName() : failure.getClass().getName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
