package io.github.slim4j.kernel;

import io.github.slim4j.kernel.analysis.Completeness;
import io.github.slim4j.kernel.analysis.CompletenessRule;
import io.github.slim4j.kernel.analysis.Completer;
import io.github.slim4j.kernel.analysis.Inspector;
import io.github.slim4j.kernel.errors.ErrorFormatter;
import io.github.slim4j.kernel.errors.ErrorReport;
import io.github.slim4j.kernel.exec.CellRequest;
import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.kernel.exec.OutputSink;
import io.github.slim4j.kernel.history.InMemoryHistory;
import io.github.slim4j.kernel.jshell.JavaSession;
import io.github.slim4j.kernel.magic.ClasspathMagic;
import io.github.slim4j.kernel.magic.JarsMagic;
import io.github.slim4j.kernel.magic.MagicTransformer;
import io.github.slim4j.kernel.magic.MavenMagic;
import io.github.slim4j.kernel.output.ConsoleFirstSink;
import io.github.slim4j.kernel.output.ConsoleRouter;
import io.github.slim4j.kernel.output.DiscardingSink;
import io.github.slim4j.kernel.output.RichRendering;
import io.github.slim4j.kernel.protocol.ProtocolHandlers;
import io.github.slim4j.kernel.runtime.ActiveKernel;
import io.github.slim4j.kernel.runtime.CellServices;
import io.github.slim4j.kernel.timing.TimingMagic;
import io.github.slim4j.kernel.timing.TimingMagics;
import io.github.slim4j.kernel.timing.TimingSyntax;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Tokenizer;
import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * slim4j's Jupyter kernel: Java in JShell, in this JVM, with slim4j's magics.
 *
 * <p>Snippets run in the kernel's own JVM, so notebook code, magics and kernel share one set of
 * classes (ND4J, DL4J, Tablesaw, XChart, slim4j): a magic sees the very network object the
 * notebook built. JShell starts in the background when the kernel is created; the first cell
 * waits for it if it must.
 *
 * <p>Every cell, from Jupyter or from the embedded notebook runner, runs through
 * {@link #execute(CellRequest, OutputSink)}, which writes all of the cell's output to the sink it
 * is given. Nothing here needs a ZMQ connection; {@link #becomeHandlerForConnection} adds one.
 */
public final class Slim4jKernel extends BaseKernel implements CellServices {

    private final ConsoleRouter console = ConsoleRouter.install();
    private final CompletableFuture<JavaSession> session;
    private final MagicCatalog catalog;
    private final Magics magics = new Magics();
    private final Slim4jNotebook notebook = new Slim4jNotebook(this);
    private final MagicTransformer transformer;
    private final TimingMagics timing;
    private final InMemoryHistory history = new InMemoryHistory();
    private final ErrorFormatter errorFormatter = new ErrorFormatter();
    private volatile OutputSink cellOutput = DiscardingSink.INSTANCE;
    private final Path workingDirectory;

    /** A kernel whose magics resolve relative paths in this process's working directory, as under Jupyter. */
    public Slim4jKernel() {
        this(Path.of("").toAbsolutePath());
    }

    /** @param workingDirectory where magics resolve relative paths: the folder of the notebook being run */
    public Slim4jKernel(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        String classPath = RuntimeClassPath.join(RuntimeClassPath.ofThisJvm());
        this.session = CompletableFuture.supplyAsync(() -> startSession(classPath));
        SessionClassPath extraClassPath = new SessionClassPath(this::session);
        this.catalog = MagicCatalog.standard().with(new JarsMagic(extraClassPath), new ClasspathMagic(extraClassPath),
                new MavenMagic(extraClassPath), new TimingMagic(TimingSyntax.TIME), new TimingMagic(TimingSyntax.TIMEIT));
        this.transformer = new MagicTransformer(name -> catalog.names().contains(name) && !TimingMagics.NAMES.contains(name),
                TimingMagics.NAMES::contains);
        this.timing = new TimingMagics(new SessionTimedCode(this::session, transformer), notebook, System.out::print, System::nanoTime);
        RichRendering.registerInto(getRenderer());
        Slim4jMagics.register(magics, catalog, notebook);
    }

    private static JavaSession startSession(String classPath) {
        try {
            return JavaSession.start(classPath);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private JavaSession session() {
        try {
            return session.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs one cell as a notebook does: its output shown, numbered, kept in the history. */
    public ExecutionOutcome execute(String code, OutputSink sink) {
        return execute(CellRequest.of(code), sink);
    }

    /**
     * Runs one cell, writing everything it shows (printed text, displays, its value, its error) to
     * {@code sink}, or nowhere when the request is silent. Never throws for a failing cell: the
     * outcome says how it ended.
     */
    public synchronized ExecutionOutcome execute(CellRequest request, OutputSink sink) {
        int number = request.numbered() ? executionCount.getAndIncrement() : executionCount.get();
        OutputSink output = new ConsoleFirstSink(request.silent() ? DiscardingSink.INSTANCE : sink, console);
        ActiveKernel.set(this);
        cellOutput = output;
        ConsoleRouter.Route printedText = console.routeTo(output);
        try {
            return run(request, number, output);
        } finally {
            printedText.close();
            cellOutput = DiscardingSink.INSTANCE;
        }
    }

    /** The number the next numbered cell will get, as {@code execute_input} announces it. */
    public int nextExecutionNumber() {
        return executionCount.get();
    }

    private ExecutionOutcome run(CellRequest request, int number, OutputSink output) {
        String java = transformer.transform(request.code());
        try {
            Optional<String> pagerName = PagerRequest.nameIn(request.code());
            if (pagerName.isPresent()) {
                return page(request, number, pagerName.get(), output);
            }
            session().control().clearInterrupt();
            DisplayData result = resultOf(session().evaluator().evalCell(java));
            if (result != null) {
                output.executeResult(number, result);
            }
            remember(request, number, java, result);
            return new ExecutionOutcome(number, ExecutionOutcome.Status.OK, Optional.empty(), Optional.empty());
        } catch (Exception failure) {
            ErrorReport report = errorFormatter.format(failure);
            output.error(report.ename(), report.evalue(), report.traceback());
            remember(request, number, java, null);
            ExecutionOutcome.ErrorSummary summary = new ExecutionOutcome.ErrorSummary(report.ename(), report.evalue());
            return new ExecutionOutcome(number, ExecutionOutcome.Status.ERROR, Optional.of(summary), Optional.empty());
        }
    }

    private ExecutionOutcome page(CellRequest request, int number, String name, OutputSink output) {
        Optional<DisplayData> documentation = new Inspector(session().shell().sourceCodeAnalysis()).inspect(name, name.length());
        if (documentation.isEmpty()) {
            output.stream(OutputSink.Stream.STDOUT, "no documentation found for " + name + "\n");
        }
        remember(request, number, request.code(), null);
        return new ExecutionOutcome(number, ExecutionOutcome.Status.OK, Optional.empty(), documentation);
    }

    private void remember(CellRequest request, int number, String java, DisplayData result) {
        if (request.numbered()) {
            Object plain = result == null ? null : result.getData(MIMEType.TEXT_PLAIN);
            history.record(number, request.code(), java, plain == null ? "" : plain.toString());
        }
    }

    /** Evaluates code from inside a running cell, such as a magic's variable lookups. */
    @Override
    public DisplayData eval(String code) throws Exception {
        return resultOf(session().evaluator().evalWithinCell(transformer.transform(code)));
    }

    /** A snippet's value as a cell result: none for statements and declarations. */
    private DisplayData resultOf(Object value) {
        return value == null ? null : render(value);
    }

    @Override
    public Object lineMagic(String name, String words) {
        List<String> arguments = wordsOf(name, words);
        try {
            return magics.applyLineMagic(name, arguments);
        } catch (UndefinedMagicException unknown) {
            // The registry holds exactly the catalog's magics, so the catalog refuses the name
            // too, with its own message and a did-you-mean.
            return catalog.run(name, arguments, notebook);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("%" + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public TimingMagics timing() {
        return timing;
    }

    /** The magic's words; a quote left open is that magic's error, named like its others. */
    private static List<String> wordsOf(String name, String text) {
        try {
            return Tokenizer.split(text);
        } catch (MagicException unreadable) {
            throw new MagicException("%" + name + ": " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        if (value instanceof DisplayData rendered) {
            return rendered;
        }
        if (value == null) {
            return new DisplayData("null");
        }
        return mimeTypes.length == 0 ? getRenderer().render(value) : getRenderer().renderAs(value, mimeTypes);
    }

    @Override
    public void display(DisplayData data) {
        cellOutput.display(data);
    }

    @Override
    public void updateDisplay(DisplayData data) {
        cellOutput.updateDisplay(data);
    }

    @Override
    public void clearOutput(boolean wait) {
        cellOutput.clearOutput(wait);
    }

    /**
     * The value of the notebook variable of this name, read from JShell's own field without
     * compiling a snippet: a lookup by evaluating a statement took tens of milliseconds of javac for
     * every variable a magic reads. Empty when no valid variable has the name.
     */
    Optional<Variable> variable(String name) {
        JShell shell = session().shell();
        Optional<VarSnippet> snippet = shell.variables().filter(variable -> variable.name().equals(name))
                .filter(variable -> shell.status(variable) == Snippet.Status.VALID).reduce((first, last) -> last);
        return snippet.map(variable -> Variable.of(session().control().takeResult(shell.varValue(variable))));
    }

    /** The notebook's variables, without JShell's {@code $N} temporaries. */
    List<String> variableNames() {
        return session().shell().variables().map(VarSnippet::name).filter(name -> !name.startsWith("$")).distinct().toList();
    }

    @Override
    public String isComplete(String code) {
        Completeness verdict = new CompletenessRule(session().shell().sourceCodeAnalysis()).judge(transformer.transform(code));
        return switch (verdict.status()) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INVALID -> IS_COMPLETE_BAD;
            case INCOMPLETE -> verdict.indent();
        };
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return new Inspector(session().shell().sourceCodeAnalysis()).inspect(code, at).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return new Completer(session().shell().sourceCodeAnalysis(), catalog::names).complete(code, at);
    }

    /**
     * Interrupts the running cell, if any. Called on the control channel's thread while the cell
     * runs on the shell's.
     */
    @Override
    public void interrupt() {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().control().interrupt();
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return KernelIdentity.languageInfo();
    }

    @Override
    public String getBanner() {
        return KernelIdentity.banner();
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return KernelIdentity.helpLinks();
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    /** Serves a Jupyter frontend over the connection, with slim4j's handlers. */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        ProtocolHandlers.installOn(connection, this);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        shutdown();
    }

    /** Stops the running cell, if any, and closes JShell. */
    public void shutdown() {
        interrupt();
        try {
            session.join().close();
        } catch (CompletionException neverStarted) {
            // Nothing to close.
        }
    }

    /** Where this kernel's magics resolve relative file paths. */
    Path workingDirectory() {
        return workingDirectory;
    }
}
