package io.github.slim4j.kernel;

import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps everything a cell sends to its sink, in order. Thread-safe: snippets run on workers. */
final class RecordingSink implements OutputSink {

    sealed interface Output { }

    record Text(Stream stream, String text) implements Output { }

    record Display(DisplayData data) implements Output { }

    record Update(DisplayData data) implements Output { }

    record Clear(boolean waitForNext) implements Output { }

    record Result(int executionCount, DisplayData data) implements Output { }

    record Error(String ename, String evalue, List<String> traceback) implements Output { }

    private final List<Output> outputs = new ArrayList<>();

    /** What one cell of {@code code} sent, run in {@code kernel}. */
    static RecordingSink of(Slim4jKernel kernel, String code) {
        RecordingSink sink = new RecordingSink();
        kernel.execute(code, sink);
        return sink;
    }

    @Override
    public synchronized void stream(Stream stream, String text) {
        outputs.add(new Text(stream, text));
    }

    @Override
    public synchronized void display(DisplayData data) {
        outputs.add(new Display(data));
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
        outputs.add(new Update(data));
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        outputs.add(new Clear(wait));
    }

    @Override
    public synchronized void executeResult(int executionCount, DisplayData data) {
        outputs.add(new Result(executionCount, data));
    }

    @Override
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        outputs.add(new Error(ename, evalue, traceback));
    }

    synchronized List<Output> all() {
        return List.copyOf(outputs);
    }

    synchronized <T extends Output> List<T> only(Class<T> kind) {
        return outputs.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    String stdout() {
        return only(Text.class).stream().filter(text -> text.stream() == Stream.STDOUT).map(Text::text).collect(Collectors.joining());
    }

    /** The text/plain of the single execute_result. */
    String result() {
        List<Result> results = only(Result.class);
        if (results.size() != 1) {
            throw new AssertionError("expected one execute_result, got " + all());
        }
        return String.valueOf(results.get(0).data().getData(MIMEType.TEXT_PLAIN));
    }

    Error error() {
        List<Error> errors = only(Error.class);
        if (errors.size() != 1) {
            throw new AssertionError("expected one error, got " + all());
        }
        return errors.get(0);
    }
}
