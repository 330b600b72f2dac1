package io.github.slim4j.kernel.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A kernel that runs cells the way stock IJava 1.3 does, built only from basekernel 2.3.0 and
 * JShell, for testing slim4j's IJava recipe where IJava itself cannot be had (it is not on Maven
 * Central). What it copies from IJava 1.3 is what the recipe depends on:
 * <ul>
 *   <li>the magics registry is basekernel's {@link Magics}, reached as
 *       {@code getKernelInstance().getMagics()};</li>
 *   <li>a line magic becomes {@code lineMagic(name, List.of(words...))} inside the cell's Java
 *       (basekernel's {@link MagicParser} with IJava's pattern, words split by basekernel), and runs
 *       while the cell runs; failures are wrapped as IJava's runtime does;</li>
 *   <li>a cell whose first line is {@code %%name words} becomes {@code cellMagic(name,
 *       List.of(words...), body)}, the body as typed, its value dropped, as IJava's
 *       {@code MagicsSourceTransformer} writes it;</li>
 *   <li>cells run on a cached thread pool of a {@link DirectExecutionControl}, so code that a
 *       running cell evaluates ({@link #eval}) runs on another thread, as in IJava 1.3;</li>
 *   <li>{@code %jars} adds to JShell's class path: slim4j's classes load in JShell's class loader,
 *       not in the kernel's, which does not have them.</li>
 * </ul>
 *
 * <p>{@link #main} runs the cells of a file (separated by lines {@code //--}) and prints, per
 * cell, {@code OK <value>} or {@code ERROR <message>}, and every display's text as
 * {@code DISPLAY <first line>}.
 */
public final class IJavaStandIn extends BaseKernel {

    private static final String PROVIDER = "ijava-stand-in";
    private static IJavaStandIn instance;

    private final Magics magics = new Magics();
    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");
    private final Results results = new Results();
    private final JShell shell;
    private final PrintStream report;

    private IJavaStandIn(PrintStream report) {
        this.report = report;
        // JShell compiles against the JVM's class path plus what addToClasspath adds; a
        // --class-path compiler option would hide the additions.
        this.shell = JShell.builder()
                .executionEngine(new Provider(results), Map.of())
                .build();
        magics.registerLineMagic("jars", jars -> {
            jars.forEach(shell::addToClasspath);
            return jars;
        });
    }

    /** As {@code io.github.spencerpark.ijava.IJava.getKernelInstance()}. */
    public static IJavaStandIn getKernelInstance() {
        return instance;
    }

    public Magics getMagics() {
        return magics;
    }

    /** As IJava 1.3's {@code runtime.Magics.lineMagic}, which the transformed cell calls. */
    public static Object lineMagic(String name, List<String> words) {
        try {
            return instance.magics.applyLineMagic(name, words);
        } catch (Exception e) {
            throw new RuntimeException(String.format("Exception occurred while running line magic '%s': %s", name, e.getMessage()), e);
        }
    }

    /** As IJava 1.3's {@code JavaKernel.complete}: JShell's suggestions, those that match the expected type first. */
    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] replaceStart = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = shell.sourceCodeAnalysis().completionSuggestions(code, at, replaceStart);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((s1, s2) -> s1.matchesType() ? s2.matchesType() ? 0 : -1 : s2.matchesType() ? 1 : 0)
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new ReplacementOptions(options, replaceStart[0], at + 1);
    }

    /** As IJava 1.3's {@code runtime.Magics.cellMagic}, which a transformed cell magic calls. */
    public static Object cellMagic(String name, List<String> words, String body) {
        try {
            return instance.magics.applyCellMagic(name, words, body);
        } catch (Exception e) {
            throw new RuntimeException(String.format("Exception occurred while running cell magic '%s': %s", name, e.getMessage()), e);
        }
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object result = null;
        // As IJava's MagicsSourceTransformer: a cell magic takes the whole cell, else line magics.
        String source = parser.parseCellMagic(code) != null ? parser.transformCellMagic(code, context -> String.format("%s.cellMagic(%s,List.of(%s),%s);{};",
                IJavaStandIn.class.getName(),
                literal(context.getMagicCall().getName()),
                context.getMagicCall().getArgs().stream().map(IJavaStandIn::literal).collect(Collectors.joining(",")),
                literal(context.getMagicCall().getBody()))) : parser.transformLineMagics(code, context -> String.format("%s.lineMagic(%s,List.of(%s));{};",
                IJavaStandIn.class.getName(),
                literal(context.getMagicCall().getName()),
                context.getMagicCall().getArgs().stream().map(IJavaStandIn::literal).collect(Collectors.joining(","))));
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(source);
        while (info.completeness().isComplete()) {
            result = evalSnippet(info.source());
            info = shell.sourceCodeAnalysis().analyzeCompletion(info.remaining());
        }
        return result == null ? null : new DisplayData(String.valueOf(result));
    }

    private Object evalSnippet(String source) throws Exception {
        Object value = null;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.exception() != null) {
                throw event.exception();
            }
            if (event.causeSnippet() == null && !event.status().isDefined()) {
                throw new CompilationFailure(shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; ")));
            }
            if (event.value() != null && event.snippet().subKind().isExecutable()) {
                Object taken = results.take(event.value());
                // As IJava: only an expression's value is the cell's result, not a declaration's.
                value = switch (event.snippet().subKind()) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> taken;
                    default -> null;
                };
            }
        }
        return value;
    }

    @Override
    public void display(DisplayData data) {
        String text = String.valueOf(data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        report.println("DISPLAY " + text.strip().lines().findFirst().orElse(""));
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").build();
    }

    private static String literal(String text) {
        return "new String(java.util.Base64.getDecoder().decode(\""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"))";
    }

    public static void main(String[] args) throws Exception {
        PrintStream report = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        instance = new IJavaStandIn(report);
        instance.eval("import java.util.*;");
        for (String cell : Files.readString(Path.of(args[0])).split("(?m)^//--$")) {
            try {
                DisplayData result = instance.eval(cell.strip());
                report.println("OK " + (result == null ? "" : result.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
            } catch (EvalException e) {
                report.println("ERROR " + e.getMessage());
            } catch (Exception e) {
                report.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        System.exit(0);
    }

    /** A cell that does not compile, as IJava's CompilationException. */
    static final class CompilationFailure extends Exception {
        CompilationFailure(String message) {
            super(message);
        }
    }

    /** Invocation results kept by key, since JShell's protocol only carries strings. */
    static final class Results {
        private static final Object NULL = new Object();
        private final Map<String, Object> byKey = new ConcurrentHashMap<>();

        String keep(Object value) {
            String key = UUID.randomUUID().toString();
            byKey.put(key, value == null ? NULL : value);
            return key;
        }

        Object take(String key) {
            Object value = byKey.remove(key);
            return value == NULL ? null : value;
        }
    }

    private record Provider(Results results) implements ExecutionControlProvider {
        @Override
        public String name() {
            return PROVIDER;
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new PooledExecutionControl(results);
        }
    }

    /** IJava 1.3's execution control: each invocation on a cached pool thread, its value kept by key. */
    private static final class PooledExecutionControl extends DirectExecutionControl {
        private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ijava-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        private final Results results;

        PooledExecutionControl(Results results) {
            this.results = results;
        }

        @Override
        protected String invoke(Method doit) throws Exception {
            try {
                return results.keep(pool.submit(() -> doit.invoke(null)).get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause() : e.getCause();
                throw new UserException(String.valueOf(cause.getMessage()), cause.getClass().getName(), cause.getStackTrace());
            }
        }
    }
}
