package io.github.slim4j.kernel.notebook;

import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.kernel.exec.ExecutionOutcome.ErrorSummary;
import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A stand-in kernel that answers each cell's code from a script and counts executions like a real one. */
final class ScriptedKernel implements KernelSession {

    private record Reply(Consumer<OutputSink> outputs, Optional<ErrorSummary> error) {
    }

    private final Map<String, Reply> replies = new HashMap<>();
    private final List<String> executed = new ArrayList<>();
    private boolean closed;

    /** When {@code code} runs, it writes these outputs and succeeds. */
    ScriptedKernel on(String code, Consumer<OutputSink> outputs) {
        replies.put(code, new Reply(outputs, Optional.empty()));
        return this;
    }

    /** When {@code code} runs, it fails as the kernel reports failures: an error output and an error outcome. */
    ScriptedKernel failOn(String code, String ename, String evalue) {
        List<String> traceback = List.of("\u001B[31m" + ename + ": " + evalue + "\u001B[0m", "\tat cell(#1)");
        Consumer<OutputSink> error = sink -> sink.error(ename, evalue, traceback);
        replies.put(code, new Reply(error, Optional.of(new ErrorSummary(ename, evalue))));
        return this;
    }

    @Override
    public ExecutionOutcome execute(String code, OutputSink sink) {
        executed.add(code);
        Reply reply = replies.getOrDefault(code, new Reply(s -> { }, Optional.empty()));
        reply.outputs().accept(sink);
        ExecutionOutcome.Status status = reply.error().isPresent() ? ExecutionOutcome.Status.ERROR : ExecutionOutcome.Status.OK;
        return new ExecutionOutcome(executed.size(), status, reply.error(), Optional.empty());
    }

    @Override
    public LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java").version("17").mimetype("text/x-java-source").fileExtension(".jshell")
                .pygments("java").codemirror("java").build();
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> executed() {
        return executed;
    }

    boolean closed() {
        return closed;
    }
}
