package io.github.slim4j.kernel.output;

import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.List;

/** Where a silent execution's outputs go: nowhere, as the protocol asks for {@code silent}. */
public enum DiscardingSink implements OutputSink {
    INSTANCE;

    @Override
    public void stream(Stream stream, String text) {
    }

    @Override
    public void display(DisplayData data) {
    }

    @Override
    public void updateDisplay(DisplayData data) {
    }

    @Override
    public void clearOutput(boolean wait) {
    }

    @Override
    public void executeResult(int executionCount, DisplayData data) {
    }

    @Override
    public void error(String ename, String evalue, List<String> traceback) {
    }
}
