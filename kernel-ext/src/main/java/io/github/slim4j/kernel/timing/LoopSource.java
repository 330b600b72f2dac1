package io.github.slim4j.kernel.timing;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The Java that {@code %timeit} compiles once: IPython's timing template ({@code def inner(_it,
 * _timer): setup; _t0 = _timer(); for _i in _it: stmt; ...}) as a {@link TimedLoop} lambda, handed
 * back to the kernel through {@code Handoff}.
 *
 * <p>The statement goes into the loop as written when it is statements (declarations, calls,
 * assignments, {@code for} ...). An expression that is not a statement on its own, such as
 * {@code a + b} or {@code x}, goes into {@link Sink#keep}, which makes it valid in the loop and
 * keeps the JIT from dropping it as unused. Which one it is, javac's parser says.
 */
public final class LoopSource {

    private static final String HANDOFF = "io.github.slim4j.kernel.runtime.Handoff";
    private static final Set<Tree.Kind> STATEMENT_EXPRESSIONS = Set.of(
            Tree.Kind.METHOD_INVOCATION, Tree.Kind.NEW_CLASS, Tree.Kind.ASSIGNMENT,
            Tree.Kind.PREFIX_INCREMENT, Tree.Kind.PREFIX_DECREMENT, Tree.Kind.POSTFIX_INCREMENT, Tree.Kind.POSTFIX_DECREMENT,
            Tree.Kind.PLUS_ASSIGNMENT, Tree.Kind.MINUS_ASSIGNMENT, Tree.Kind.MULTIPLY_ASSIGNMENT, Tree.Kind.DIVIDE_ASSIGNMENT,
            Tree.Kind.REMAINDER_ASSIGNMENT, Tree.Kind.AND_ASSIGNMENT, Tree.Kind.OR_ASSIGNMENT, Tree.Kind.XOR_ASSIGNMENT,
            Tree.Kind.LEFT_SHIFT_ASSIGNMENT, Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT);

    private LoopSource() {
    }

    /**
     * A statement that leaves the compiled loop under {@code token} in {@code Handoff}.
     *
     * @param setup     run once per run before the clock starts (may be blank)
     * @param statement timed, {@code loops} times per run
     */
    public static String of(String token, String setup, String statement) {
        return HANDOFF + ".put(\"" + token + "\", (" + TimedLoop.class.getName() + ") ($loops, $clock) -> {\n"
                + setup + "\n"
                + "long $start = $clock.getAsLong();\n"
                + "for (long $loop = 0; $loop < $loops; $loop++) {\n"
                + loopBody(statement) + "\n"
                + "}\n"
                + "return $clock.getAsLong() - $start;\n"
                + "});";
    }

    static String loopBody(String statement) {
        String trimmed = statement.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        // The semicolon on a line of its own ends a last statement typed without one, and stays
        // off the line of a magic, whose words run to the end of its line.
        return isValueExpression(trimmed) ? Sink.class.getName() + ".keep(" + trimmed + ");" : trimmed + "\n;";
    }

    /** Whether javac reads the text as one expression that is not a statement by itself. */
    static boolean isValueExpression(String text) {
        if (text.isEmpty() || text.startsWith("%")) {
            return false;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String probe = "class Probe { Object probe = (\n" + text + "\n); }";
        JavacTask task = (JavacTask) javac.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(new InMemorySource(probe)));
        try {
            ClassTree probeClass = (ClassTree) task.parse().iterator().next().getTypeDecls().get(0);
            Tree initializer = ((VariableTree) probeClass.getMembers().get(0)).getInitializer();
            if (!diagnostics.getDiagnostics().isEmpty()) {
                return false;
            }
            ExpressionTree expression = ((ParenthesizedTree) initializer).getExpression();
            while (expression instanceof ParenthesizedTree inner) {
                expression = inner.getExpression();
            }
            return !STATEMENT_EXPRESSIONS.contains(expression.getKind());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException unparsable) {
            // A text javac cannot read as an expression is left to compile as statements, where
            // javac's error says what is wrong with it.
            return false;
        }
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String text;

        InMemorySource(String text) {
            super(URI.create("string:///Probe.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
