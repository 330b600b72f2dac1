package io.github.slim4j.kernel.analysis;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.util.List;

/**
 * Whether one JShell snippet is syntactically valid Java, decided by javac's parser alone: no
 * name is resolved and nothing runs, so a snippet that uses a variable not defined yet still
 * passes.
 *
 * <p>A snippet is an import, a declaration, a statement or an expression; javac only parses
 * compilation units, so the snippet is tried inside each of the four shapes that can hold it and
 * is valid when one of them parses.
 */
final class SyntaxCheck {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private SyntaxCheck() {
    }

    static boolean parses(String snippet) {
        String expression = snippet.strip().replaceFirst(";$", "");
        return parsesAsUnit(snippet + "\nclass Snippet$ {}")
                || parsesAsUnit("class Snippet$ {\n" + snippet + "\n}")
                || parsesAsUnit("class Snippet$ { void run() throws Throwable {\n" + snippet + "\n} }")
                || parsesAsUnit("class Snippet$ { Object value = (\n" + expression + "\n); }");
    }

    private static boolean parsesAsUnit(String unit) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(new Source(unit)));
        try {
            task.parse();
        } catch (java.io.IOException impossibleForAnInMemorySource) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR);
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Snippet$.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
