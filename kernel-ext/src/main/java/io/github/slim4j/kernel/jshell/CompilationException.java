package io.github.slim4j.kernel.jshell;

import java.util.List;

/**
 * A snippet of the cell did not compile, so nothing from it ran.
 *
 * <p>Checked, like IJava's exception of the same name: code that evaluates through
 * {@code BaseKernel.eval} tells "did not compile" from "failed while running" (a
 * {@link jdk.jshell.EvalException}) by that alone.
 */
public final class CompilationException extends Exception {

    private final List<SnippetDiagnostic> diagnostics;
    private final List<String> unresolved;

    /**
     * @param diagnostics javac's errors
     * @param unresolved  names the snippet uses that no earlier snippet declared, for declarations
     *                    JShell keeps but cannot use yet
     */
    public CompilationException(String source, List<SnippetDiagnostic> diagnostics, List<String> unresolved) {
        super(summary(source, diagnostics, unresolved));
        this.diagnostics = List.copyOf(diagnostics);
        this.unresolved = List.copyOf(unresolved);
    }

    public List<SnippetDiagnostic> diagnostics() {
        return diagnostics;
    }

    public List<String> unresolved() {
        return unresolved;
    }

    private static String summary(String source, List<SnippetDiagnostic> diagnostics, List<String> unresolved) {
        if (!diagnostics.isEmpty()) {
            return diagnostics.get(0).message().lines().findFirst().orElse("does not compile");
        }
        if (!unresolved.isEmpty()) {
            return "cannot be used until " + String.join(", ", unresolved) + " is declared";
        }
        return "does not compile: " + source.strip();
    }
}
