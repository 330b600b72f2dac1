package io.github.slim4j.kernel;

import io.github.slim4j.kernel.exec.CellRequest;
import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One in-process kernel, cells run through a recording sink, as the notebook runner runs them.
 * Public because a cell calls back into it.
 */
public class Slim4jKernelTest {

    private static Slim4jKernel kernel;

    @BeforeAll
    static void startKernel() {
        kernel = new Slim4jKernel();
    }

    @AfterAll
    static void stopKernel() {
        kernel.shutdown();
    }

    private static RecordingSink run(String code) {
        return RecordingSink.of(kernel, code);
    }

    @Test
    void printedTextReachesTheSinkAsStdout() {
        RecordingSink sink = run("System.out.print(\"no newline\"); System.out.println(\" then one\");");
        assertEquals("no newline then one\n", sink.stdout());
    }

    @Test
    void stderrIsItsOwnStream() {
        RecordingSink sink = run("System.err.println(\"careful\");");
        assertEquals(List.of(new RecordingSink.Text(io.github.slim4j.kernel.exec.OutputSink.Stream.STDERR, "careful\n")), sink.all());
    }

    @Test
    void theLastExpressionIsTheResultWithTheCellsNumber() {
        RecordingSink sink = new RecordingSink();
        ExecutionOutcome outcome = kernel.execute("int base = 6;\nbase * 7", sink);
        assertTrue(outcome.ok());
        assertEquals("42", sink.result());
        assertEquals(outcome.executionCount(), sink.only(RecordingSink.Result.class).get(0).executionCount());
        assertEquals(outcome.executionCount() + 1, kernel.execute("1", new RecordingSink()).executionCount());
    }

    @Test
    void declarationsAndStatementsHaveNoResult() {
        assertEquals(List.of(), run("int unseen = 5;").all());
        assertEquals(List.of(), run("void nothing() {}").all());
    }

    @Test
    void displayShowsRichOutputWithAnIdThatUpdatesIt() {
        RecordingSink sink = run("String id = display(Table.create(\"empty\"));\nupdateDisplay(id, \"replaced\");\nclearOutput();");
        List<RecordingSink.Output> outputs = sink.all();
        RecordingSink.Display shown = (RecordingSink.Display) outputs.get(0);
        RecordingSink.Update update = (RecordingSink.Update) outputs.get(1);
        assertNotNull(shown.data().getData(MIMEType.TEXT_HTML));
        assertEquals(shown.data().getDisplayId(), update.data().getDisplayId());
        assertEquals("replaced", update.data().getData(MIMEType.TEXT_PLAIN));
        assertEquals(new RecordingSink.Clear(false), outputs.get(2));
    }

    @Test
    void aTableResultIsRenderedAsHtml() {
        RecordingSink sink = run("Table.create(\"empty\")");
        assertNotNull(sink.only(RecordingSink.Result.class).get(0).data().getData(MIMEType.TEXT_HTML));
    }

    @Test
    void printedTextComesBeforeALaterDisplay() {
        List<RecordingSink.Output> outputs = run("System.out.print(\"first\"); display(\"second\");").all();
        assertEquals("first", ((RecordingSink.Text) outputs.get(0)).text());
        assertTrue(outputs.get(1) instanceof RecordingSink.Display, outputs.toString());
    }

    @Test
    void aRuntimeExceptionIsReportedWithItsClassAndSnippetFrames() {
        run("int half(int n) {\n    if (n % 2 != 0) throw new IllegalArgumentException(\"odd: \" + n);\n    return n / 2;\n}");
        RecordingSink sink = new RecordingSink();
        ExecutionOutcome outcome = kernel.execute("half(3)", sink);
        assertEquals(ExecutionOutcome.Status.ERROR, outcome.status());
        assertEquals("IllegalArgumentException", outcome.error().orElseThrow().ename());
        String trace = String.join("\n", sink.error().traceback());
        assertTrue(trace.contains("java.lang.IllegalArgumentException: odd: 3"), trace);
        assertTrue(trace.contains("at half(#"), trace);
        assertFalse(trace.contains("jdk.internal.reflect") || trace.contains("java.util.concurrent"), trace);
    }

    @Test
    void aCompileErrorShowsJavacsMessage() {
        RecordingSink.Error error = run("int count = \"three\";").error();
        assertEquals("CompilationException", error.ename());
        assertTrue(error.evalue().contains("incompatible types"), error.evalue());
    }

    @Test
    void theCellStopsAtItsFirstFailingSnippet() {
        RecordingSink sink = run("int before = 1;\nint bad = ;\nSystem.out.println(\"never\");");
        assertEquals("", sink.stdout());
        assertEquals("CompilationException", sink.error().ename());
    }

    @Test
    void aBadMagicIsOneLine() {
        RecordingSink.Error error = run("%model nosuchnet").error();
        assertEquals("%model: MODEL 'nosuchnet' is not a notebook variable", error.evalue());
        assertEquals(1, error.traceback().size());
    }

    @Test
    void anUnknownMagicIsNamed() {
        RecordingSink.Error error = run("%nosuchmagic").error();
        assertEquals("MagicError", error.ename());
        assertTrue(error.evalue().startsWith("unknown magic %nosuchmagic;"), error.evalue());
    }

    @Test
    void aMagicAssignedToAVariableGivesItTheStaticTypeTable() {
        RecordingSink magic = run("var magics = %lsmagic");
        assertEquals(1, magic.only(RecordingSink.Display.class).size(), "the magic displays its own table once");
        assertEquals(List.of(), magic.only(RecordingSink.Result.class));
        assertEquals("tech.tablesaw.api.Table", run("magics.getClass().getName()").result());
        assertTrue(Integer.parseInt(run("magics.rowCount()").result()) > 0);
    }

    /** Called from a cell: defines and reads notebook variables while that cell is running. */
    public static String defineFromInsideARunningCell() {
        BaseKernelNotebook notebook = new BaseKernelNotebook(kernel);
        notebook.define("answer", "int", 42);
        Object answer = ((Variable.Present) notebook.lookup("answer")).value();
        return answer + " " + (notebook.lookup("notDefinedAnywhere") == Variable.absent());
    }

    @Test
    void codeRunningInACellCanEvaluateMoreCode() {
        String seen = run(Slim4jKernelTest.class.getName() + ".defineFromInsideARunningCell()").result();
        assertEquals("42 true", seen);
        assertEquals("43", run("answer + 1").result());
    }

    /** Called from a cell, as a magic reads its arguments on this kernel: the values themselves, straight from JShell. */
    public static String lookUpFromInsideARunningCell() {
        Slim4jNotebook notebook = new Slim4jNotebook(kernel);
        Object list = ((Variable.Present) notebook.lookup("lookedUp")).value();
        Object same = ((Variable.Present) notebook.lookup("lookedUp")).value();
        return (list == same) + " " + list + " " + ((Variable.Present) notebook.lookup("holdsNull")).value() + " "
                + (notebook.lookup("notDefinedAnywhere") == Variable.absent()) + " " + ((Variable.Present) notebook.lookup("redefined")).value();
    }

    @Test
    void theNotebookReadsVariablesAsTheyAreNow() {
        run("var lookedUp = new java.util.ArrayList<>(java.util.List.of(\"a\"));");
        run("String holdsNull = null;");
        run("int redefined = 1;");
        run("String redefined = \"two\";");
        assertEquals("true [a] null true two", run(Slim4jKernelTest.class.getName() + ".lookUpFromInsideARunningCell()").result());
        assertEquals("[a]", run("lookedUp").result(), "a cell still sees the variable");
    }

    @Test
    void jarsAddedWithTheMagicAreUsableAlongsideTheKernelsOwnClasses(@TempDir Path temp) throws IOException {
        Path jar = GreeterJar.write(temp.resolve("greeter.jar"));
        RecordingSink added = run("%jars " + temp + "/*.jar");
        assertEquals(List.of(), added.only(RecordingSink.Error.class));
        assertEquals("hello from a jar", run("new demo.Greeter().greet()").result());
        assertEquals("0", run("Table.create(\"still here\").rowCount()").result());
        String listed = run("%classpath").only(RecordingSink.Display.class).get(0).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(listed.contains(jar.toString()), listed);
    }

    @Test
    void theNotebookListsVariablesWithoutTemporaries() {
        run("double listedVariable = 1.5;");
        run("2 + 2");
        List<String> names = kernel.variableNames();
        assertTrue(names.contains("listedVariable"), names.toString());
        assertTrue(names.stream().noneMatch(name -> name.startsWith("$")), names.toString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void interruptingASleepingCellEndsItAndTheKernelGoesOn() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<ExecutionOutcome> sleeping = CompletableFuture.supplyAsync(() -> kernel.execute("Thread.sleep(600000);", sink));
        Thread.sleep(1000);
        kernel.interrupt();
        ExecutionOutcome outcome = sleeping.get(10, TimeUnit.SECONDS);
        assertEquals("Interrupted", outcome.error().orElseThrow().ename());
        assertEquals("Interrupted", sink.error().evalue());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLoopThatIgnoresTheInterruptIsStopped() throws Exception {
        CompletableFuture<ExecutionOutcome> spinning = CompletableFuture.supplyAsync(() -> kernel.execute("while (true) {}", new RecordingSink()));
        Thread.sleep(500);
        kernel.interrupt();
        assertEquals("Interrupted", spinning.get(10, TimeUnit.SECONDS).error().orElseThrow().ename());
        assertEquals("3", run("1 + 2").result());
    }

    @Test
    void aSilentCellShowsNothingAndTakesNoNumber() {
        int next = kernel.nextExecutionNumber();
        RecordingSink sink = new RecordingSink();
        ExecutionOutcome outcome = kernel.execute(new CellRequest("System.out.println(\"quiet\"); 5", true, false), sink);
        assertTrue(outcome.ok());
        assertEquals(List.of(), sink.all());
        assertEquals(next, kernel.nextExecutionNumber());
    }

    @Test
    void aNameWithAQuestionMarkPagesItsDocumentation() {
        RecordingSink sink = new RecordingSink();
        ExecutionOutcome outcome = kernel.execute("Math.max?", sink);
        assertTrue(outcome.page().orElseThrow().getData(MIMEType.TEXT_PLAIN).toString().contains("Math.max(int a, int b)"));
        assertEquals(List.of(), sink.all());
    }

    @Test
    void completenessSeesMagicsAsJava() {
        assertEquals("complete", kernel.isComplete("var t = %lsmagic"));
        assertEquals("invalid", kernel.isComplete("int x = ;"));
        assertEquals("    ", kernel.isComplete("if (true) {"));
    }

    @Test
    void inspectionWorksAtTheEndOfAName() {
        assertNotNull(kernel.inspect("Math.max", 8, false));
        assertNull(kernel.inspect("   ", 1, false));
    }
}
