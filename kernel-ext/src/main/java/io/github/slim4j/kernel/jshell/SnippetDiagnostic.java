package io.github.slim4j.kernel.jshell;

/**
 * One compiler error in one snippet.
 *
 * @param source  the snippet's source, as JShell compiled it
 * @param start   offset of the first offending character in {@code source}
 * @param end     offset just past the last offending character
 * @param message javac's message
 */
public record SnippetDiagnostic(String source, int start, int end, String message) { }
