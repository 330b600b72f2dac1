package io.github.slim4j.kernel.output;

import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * Keeps printed text and rich outputs in the order the cell produced them: before passing on any
 * rich output, it passes on the console text still buffered.
 */
public record ConsoleFirstSink(OutputSink delegate, ConsoleRouter console) implements OutputSink {

    @Override
    public void stream(Stream stream, String text) {
        delegate.stream(stream, text);
    }

    @Override
    public void display(DisplayData data) {
        console.flush();
        delegate.display(data);
    }

    @Override
    public void updateDisplay(DisplayData data) {
        console.flush();
        delegate.updateDisplay(data);
    }

    @Override
    public void clearOutput(boolean wait) {
        console.flush();
        delegate.clearOutput(wait);
    }

    @Override
    public void executeResult(int executionCount, DisplayData data) {
        console.flush();
        delegate.executeResult(executionCount, data);
    }

    @Override
    public void error(String ename, String evalue, List<String> traceback) {
        console.flush();
        delegate.error(ename, evalue, traceback);
    }
}
