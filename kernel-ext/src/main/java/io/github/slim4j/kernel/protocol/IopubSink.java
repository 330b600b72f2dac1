package io.github.slim4j.kernel.protocol;

import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.List;

/** A cell's outputs as iopub messages, each a child of the {@code execute_request} being served. */
record IopubSink(ShellReplyEnvironment env) implements OutputSink {

    @Override
    public void stream(Stream stream, String text) {
        PublishStream.StreamType type = stream == Stream.STDOUT ? PublishStream.StreamType.OUT : PublishStream.StreamType.ERR;
        env.publish(new PublishStream(type, text));
    }

    @Override
    public void display(DisplayData data) {
        env.publish(new PublishDisplayData(data));
    }

    @Override
    public void updateDisplay(DisplayData data) {
        env.publish(new PublishUpdateDisplayData(data));
    }

    @Override
    public void clearOutput(boolean wait) {
        env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    @Override
    public void executeResult(int executionCount, DisplayData data) {
        env.publish(new PublishExecuteResult(executionCount, data));
    }

    @Override
    public void error(String ename, String evalue, List<String> traceback) {
        env.publish(new PublishError(ename, evalue, traceback));
    }
}
