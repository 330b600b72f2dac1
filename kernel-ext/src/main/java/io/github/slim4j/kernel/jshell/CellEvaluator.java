package io.github.slim4j.kernel.jshell;

import io.github.slim4j.magics.MagicException;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import java.util.List;
import java.util.Set;

/**
 * Evaluates the source of one cell: splits it into JShell snippets and runs them in order.
 *
 * <p>The value of the cell is the value of its last snippet when that snippet is an expression
 * (JShell's {@code $N} temporaries, a bare variable name, or a void-free expression); declarations
 * and statements give none. The first snippet that does not compile or throws ends the cell, as it
 * would in a Java method.
 */
public final class CellEvaluator {

    private static final Set<Snippet.SubKind> VALUE_SUBKINDS = Set.of(
            Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
            Snippet.SubKind.VAR_VALUE_SUBKIND,
            Snippet.SubKind.OTHER_EXPRESSION_SUBKIND);

    private final JShell shell;
    private final InProcessExecutionControl control;

    public CellEvaluator(JShell shell, InProcessExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /**
     * Evaluates a cell. Once the cell is interrupted, no further snippet of it starts.
     *
     * @return the value of the last snippet, or null when it has none
     * @throws CompilationException      when a snippet does not compile
     * @throws EvalException             when a snippet throws (a copy with the original class name)
     * @throws MagicException            when a snippet throws one, as it was thrown
     * @throws CellInterruptedException  when the cell was interrupted
     * @throws jdk.jshell.UnresolvedReferenceException when a snippet calls a method that cannot run yet
     */
    public Object evalCell(String source) throws Exception {
        return eval(source, true);
    }

    /**
     * Evaluates code that a running cell asks for, such as a magic looking up or defining a
     * variable. An interrupt of the cell does not refuse it: the magic was interrupted and is
     * keeping what it found, which is what the interrupt asks of it.
     */
    public Object evalWithinCell(String source) throws Exception {
        return eval(source, false);
    }

    private Object eval(String source, boolean stopOnInterrupt) throws Exception {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object value = null;
        String rest = source;
        while (true) {
            SourceCodeAnalysis.CompletionInfo next = analysis.analyzeCompletion(rest);
            switch (next.completeness()) {
                case EMPTY:
                    return value;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    value = evalSnippet(next.source(), stopOnInterrupt);
                    rest = next.remaining();
                    break;
                default:
                    // Incomplete or unparsable: JShell compiles it anyway, and javac's message
                    // ("reached end of file while parsing", "illegal start of expression") says why.
                    return evalSnippet(rest.strip(), stopOnInterrupt);
            }
        }
    }

    private Object evalSnippet(String snippet, boolean stopOnInterrupt) throws Exception {
        if (stopOnInterrupt) {
            throwIfInterrupted();
        }
        List<SnippetEvent> events = shell.eval(snippet);
        Throwable original = control.takeFailure();
        SnippetEvent fresh = null;
        Object value = null;
        for (SnippetEvent event : events) {
            // Take every result so none stays behind in the control, even for dependent snippets.
            Object result = event.value() == null ? null : control.takeResult(event.value());
            if (event.causeSnippet() == null) {
                fresh = event;
                value = result;
            }
        }
        // A magic's error is shown as thrown, one line; that includes a magic that stopped on an
        // interrupt, which says itself what it kept.
        if (original instanceof MagicException magicError) {
            throw magicError;
        }
        // Code the snippet evaluated in turn (a timed statement) failed: shown as that code's own
        // compile error or exception, not as an exception of the snippet that evaluated it.
        if (original instanceof CompilationException || original instanceof EvalException) {
            throw (Exception) original;
        }
        if (stopOnInterrupt) {
            throwIfInterrupted();
        }
        if (fresh == null) {
            return null;
        }
        if (fresh.exception() != null) {
            throw fresh.exception();
        }
        if (!fresh.status().isDefined()) {
            throw compilationError(fresh.snippet());
        }
        return VALUE_SUBKINDS.contains(fresh.snippet().subKind()) ? value : null;
    }

    private void throwIfInterrupted() {
        if (control.interruptRequested()) {
            throw new CellInterruptedException();
        }
    }

    private CompilationException compilationError(Snippet snippet) {
        List<SnippetDiagnostic> errors = shell.diagnostics(snippet)
                .filter(Diag::isError)
                .map(diag -> new SnippetDiagnostic(snippet.source(), (int) diag.getStartPosition(),
                        (int) diag.getEndPosition(), diag.getMessage(null)))
                .toList();
        List<String> unresolved = snippet instanceof DeclarationSnippet declaration
                ? shell.unresolvedDependencies(declaration).toList()
                : List.of();
        return new CompilationException(snippet.source(), errors, unresolved);
    }
}
