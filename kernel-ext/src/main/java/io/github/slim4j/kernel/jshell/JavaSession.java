package io.github.slim4j.kernel.jshell;

import jdk.jshell.JShell;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.List;
import java.util.Map;

/**
 * One JShell whose snippets run in this JVM, with the imports every notebook starts with.
 *
 * <p>The default imports are deliberately few, so that a name in a notebook means what a reader
 * of plain Java expects:
 * <ul>
 *   <li>{@code java.util.*} and {@code java.util.stream.*};</li>
 *   <li>{@code INDArray} and {@code Nd4j}, the ND4J types every slim4j notebook touches;</li>
 *   <li>Tablesaw's {@code Table}, which slim4j's magics return;</li>
 *   <li>the static methods of {@code io.github.slim4j.kernel.runtime.Display}: {@code display},
 *       {@code render}, {@code updateDisplay} and {@code clearOutput}.</li>
 * </ul>
 * Importing a class does not initialize it, so ND4J's native backend still loads on first use.
 */
public final class JavaSession implements AutoCloseable {

    public static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import org.nd4j.linalg.api.ndarray.INDArray;",
            "import org.nd4j.linalg.factory.Nd4j;",
            "import tech.tablesaw.api.Table;",
            "import static io.github.slim4j.kernel.runtime.Display.*;");

    private final JShell shell;
    private final InProcessExecutionControl control;
    private final CellEvaluator evaluator;

    private JavaSession(JShell shell, InProcessExecutionControl control) {
        this.shell = shell;
        this.control = control;
        this.evaluator = new CellEvaluator(shell, control);
    }

    /**
     * Starts JShell and evaluates the default imports.
     *
     * @param classPath the class path snippets compile against, which must be the one this JVM
     *                  loads classes from, so that snippets and kernel share the same classes
     */
    public static JavaSession start(String classPath) throws Exception {
        InProcessExecutionControl control = new InProcessExecutionControl();
        JShell shell = JShell.builder()
                .executionEngine(new Provider(control), Map.of())
                .build();
        // Not a --class-path compiler option: that would hide what %jars adds later through the
        // same call.
        shell.addToClasspath(classPath);
        JavaSession session = new JavaSession(shell, control);
        for (String startup : DEFAULT_IMPORTS) {
            session.evaluator.evalCell(startup);
        }
        return session;
    }

    public JShell shell() {
        return shell;
    }

    public InProcessExecutionControl control() {
        return control;
    }

    public CellEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Hands JShell the one control this session created, so the session can reach it too. */
    private record Provider(InProcessExecutionControl control) implements ExecutionControlProvider {

        @Override
        public String name() {
            return "slim4j-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
