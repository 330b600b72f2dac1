package io.github.slim4j.kernel;

import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timing magics in a real kernel, cells run as the notebook runner runs them. */
class TimingMagicsTest {

    private static final Map<String, Double> SECONDS_PER_UNIT = Map.of("s", 1.0, "ms", 1e-3, "\u03bcs", 1e-6, "ns", 1e-9);

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

    /** Seconds in a "NAME 1.23 ms" of the printed report, read with the units' own sizes. */
    private static double seconds(String report, String name) {
        return secondsAfter(report, Pattern.quote(name) + " ");
    }

    private static double secondsAfter(String report, String before) {
        Matcher m = Pattern.compile(before + "([0-9.e+-]+) (s|ms|\u03bcs|ns)\\b", Pattern.MULTILINE).matcher(report);
        assertTrue(m.find(), "no time after " + before + " in: " + report);
        return Double.parseDouble(m.group(1)) * SECONDS_PER_UNIT.get(m.group(2));
    }

    @Test
    void anExpressionIsTimedAndItsValueIsTheCellsValue() {
        RecordingSink sink = run("%time 6 * 7");
        assertEquals("42", sink.result());
        String report = sink.stdout();
        assertTrue(report.matches("(?s)CPU times: user .+, sys: .+, total: .+\nProcess CPU time: .+\nWall time: .+\n.*"), report);
    }

    @Test
    void aTimedDeclarationStaysDefined() {
        RecordingSink timed = run("%time var kept = new java.util.ArrayList<String>(java.util.List.of(\"abc\"));");
        assertEquals(List.of(), timed.only(RecordingSink.Result.class));
        assertEquals("[abc]", run("kept").result());
        assertEquals("3", run("kept.get(0).length()").result(), "declared with its own static type, ArrayList<String>");
    }

    @Test
    void wallTimeCoversASleepInTheStatement() {
        String report = run("%time Thread.sleep(300)").stdout();
        assertTrue(seconds(report, "Wall time:") >= 0.3, report);
    }

    @Test
    void aBusyLoopTakesCpuTime() {
        String report = run("%time long spun = java.util.stream.LongStream.range(0, 30_000_000L).map(i -> i ^ (i >>> 3)).sum();").stdout();
        assertTrue(seconds(report, "total:") > 0, report);
        assertTrue(seconds(report, "Process CPU time:") > 0, report);
    }

    @Test
    void aMagicCanBeTimed() {
        run("var timedWeights = Nd4j.linspace(-1, 1, 11);");
        RecordingSink sink = run("%time %model timedWeights --chart none");
        assertEquals(List.of(), sink.only(RecordingSink.Error.class));
        assertEquals(List.of(), sink.only(RecordingSink.Result.class), "the magic shows its table itself");
        String table = sink.only(RecordingSink.Display.class).get(0).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(table.contains("timedWeights (INDArray)"), table);
        assertTrue(sink.stdout().contains("Wall time: "), sink.stdout());
    }

    @Test
    void aCellStartingWithTimeIsTimedWholeWithItsMagics() {
        RecordingSink sink = run("%%time\nint cellKept = 5;\n%lsmagic\ncellKept * 2");
        assertEquals("10", sink.result());
        assertEquals(1, sink.only(RecordingSink.Display.class).size());
        assertTrue(sink.stdout().contains("Wall time: "), sink.stdout());
        assertEquals("5", run("cellKept").result());
    }

    @Test
    void codeThatDoesNotCompileIsACompileErrorAndTheKernelGoesOn() {
        RecordingSink.Error error = run("%time int wrong = \"three\";").error();
        assertEquals("CompilationException", error.ename());
        assertTrue(error.evalue().contains("incompatible types"), error.evalue());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void timeitCodeThatDoesNotCompileIsACompileError() {
        RecordingSink.Error error = run("%timeit -n 1 -r 1 int wrong = \"three\";").error();
        assertEquals("CompilationException", error.ename());
        assertTrue(error.evalue().contains("incompatible types"), error.evalue());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptedTimeEndsTheCellAndTheKernelGoesOn() throws Exception {
        assertEquals("1", run("1").result(), "JShell has started");
        RecordingSink sink = new RecordingSink();
        CompletableFuture<ExecutionOutcome> timing = CompletableFuture.supplyAsync(() -> kernel.execute("%time Thread.sleep(600000)", sink));
        Thread.sleep(1000);
        kernel.interrupt();
        assertEquals("Interrupted", timing.get(20, TimeUnit.SECONDS).error().orElseThrow().ename());
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void anExceptionInTheTimedCodeIsShownAsItself() {
        RecordingSink.Error error = run("%time Integer.parseInt(\"x\")").error();
        assertEquals("NumberFormatException", error.ename());
    }

    @Test
    void badLinesAreOneLine() {
        RecordingSink.Error nothing = run("%time").error();
        assertEquals("%time: missing STATEMENT: Java code: an expression, a declaration, statements, or a magic line (see %help time)", nothing.evalue());
        assertEquals(1, nothing.traceback().size());
        assertEquals("%timeit: -n must be an integer of at least 1, got '0'", run("%timeit -n 0 1 + 1").error().evalue());
        assertEquals("%time: nothing may follow %%time on its line, got 'x'; put the code on the lines below", run("%%time x\n1").error().evalue());
        assertEquals("unknown cell magic %%tme; the cell magics are %%time and %%timeit", run("%%tme\n1").error().evalue());
    }

    @Test
    void timeitRunsTheCompiledStatementLoopsTimesRepeatTimes() {
        run("int timeitCalls = 0;");
        String report = run("%timeit -n 5 -r 3 timeitCalls++").stdout();
        assertEquals("15", run("timeitCalls").result());
        assertTrue(report.contains(" per loop (mean ± std. dev. of 3 runs, 5 loops each)"), report);
    }

    @Test
    void timeitShowsItsRunsAsAProgressBarUpdatedInPlace() {
        RecordingSink sink = run("%timeit -n 2 -r 3 Math.sqrt(2)");
        List<RecordingSink.Display> bars = sink.only(RecordingSink.Display.class);
        assertEquals(1, bars.size());
        List<RecordingSink.Update> updates = sink.only(RecordingSink.Update.class);
        String last = updates.get(updates.size() - 1).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(last.contains("100%") && last.contains("3 runs of 2 loops in "), last);
        assertEquals(bars.get(0).data().getDisplayId(), updates.get(updates.size() - 1).data().getDisplayId());
    }

    @Test
    void timeitOKeepsTheResult() {
        run("var timeitResult = %timeit -o -q -n 2 -r 3 Thread.sleep(20)");
        assertEquals("2 3", run("timeitResult.loops() + \" \" + timeitResult.repeat()").result());
        assertEquals("true", run("timeitResult.best() >= 0.02").result());
        assertTrue(run("%timeit -o -q -n 1 -r 1 Math.sqrt(2)").result().contains("per loop"));
    }

    @Test
    void aCellStartingWithTimeitRunsItsSetupBeforeEachRun() {
        String report = run("%%timeit -n 4 -r 2 int[] box = {0};\nbox[0]++;\nif (box[0] > 4) throw new IllegalStateException(\"setup not rerun\");").stdout();
        assertTrue(report.contains("(mean ± std. dev. of 2 runs, 4 loops each)"), report);
    }

    @Test
    void aValueExpressionIsTimedToo() {
        run("double timedBase = 2;");
        assertTrue(run("%timeit -n 10 -r 2 timedBase * timedBase").stdout().contains("10 loops each"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptShowsTheRunsMeasuredSoFar() throws Exception {
        assertEquals("1", run("1").result(), "JShell has started");
        RecordingSink sink = new RecordingSink();
        CompletableFuture<ExecutionOutcome> timing = CompletableFuture.supplyAsync(() -> kernel.execute("%timeit -n 1 -r 1000 Thread.sleep(50)", sink));
        Thread.sleep(2000);
        kernel.interrupt();
        ExecutionOutcome outcome = timing.get(20, TimeUnit.SECONDS);
        String report = sink.stdout();
        Matcher shown = Pattern.compile("std\\. dev\\. of (\\d+) runs?, 1 loop each\\)").matcher(report);
        assertTrue(shown.find(), report);
        assertEquals("%timeit: interrupted after " + shown.group(1) + " of 1000 runs; the times shown are of those", outcome.error().orElseThrow().evalue());
        assertEquals(1, sink.error().traceback().size());
        assertTrue(secondsAfter(report, "^") >= 0.05, "the mean of the runs: " + report);
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void helpAndLsmagicDescribeTheTimingMagics() {
        String help = run("%help timeit").only(RecordingSink.Display.class).get(0).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(help.contains("-n N") && help.contains("-r R") && help.contains("mean ± standard deviation"), help);
        String list = run("%lsmagic").only(RecordingSink.Display.class).get(0).data().getData(MIMEType.TEXT_PLAIN).toString();
        assertTrue(list.contains("%time STATEMENT") && list.contains("%timeit STATEMENT"), list);
    }
}
