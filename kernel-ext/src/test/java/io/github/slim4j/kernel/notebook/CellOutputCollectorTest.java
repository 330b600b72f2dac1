package io.github.slim4j.kernel.notebook;

import io.github.slim4j.kernel.exec.OutputSink.Stream;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.github.slim4j.kernel.notebook.TestNotebooks.display;
import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CellOutputCollectorTest {

    private final RunOutputs outputs = new RunOutputs();

    private CellOutputCollector cell(int index) {
        return new CellOutputCollector(outputs, index);
    }

    /** The text/plain of each output of a cell, as a compact picture of what it holds. */
    private List<String> shown(int cell) {
        return outputs.of(cell).stream().map(output -> output instanceof Output.Stream stream
                ? stream.name() + ":" + stream.text()
                : ((Output.Rich) output).content().text("text/plain").orElseThrow()).toList();
    }

    @Test
    void mergesConsecutiveTextOnTheSameStreamLikeJupyter() {
        CellOutputCollector sink = cell(0);

        sink.stream(Stream.STDOUT, "a");
        sink.stream(Stream.STDOUT, "b\n");
        sink.stream(Stream.STDERR, "warn\n");
        sink.stream(Stream.STDOUT, "c");

        assertEquals(List.of("stdout:ab\n", "stderr:warn\n", "stdout:c"), shown(0));
    }

    @Test
    void keepsOnlyTheLastVersionOfALineRewrittenAfterCarriageReturns() {
        CellOutputCollector sink = cell(0);

        sink.stream(Stream.STDOUT, "epoch 1: 10%\r");
        sink.stream(Stream.STDOUT, "epoch 1: 50%\r");
        sink.stream(Stream.STDOUT, "epoch 1: 100%\r\n");
        sink.stream(Stream.STDOUT, "epoch 2: 10%\rep");
        sink.stream(Stream.STDOUT, "och 2: 20%\r");

        assertEquals(List.of("stdout:epoch 1: 100%\r\nepoch 2: 20%\r"), shown(0));
    }

    @Test
    void doesNotMergeStreamTextAcrossAnotherOutput() {
        CellOutputCollector sink = cell(0);

        sink.stream(Stream.STDOUT, "a");
        sink.display(display("chart"));
        sink.stream(Stream.STDOUT, "b");

        assertEquals(List.of("stdout:a", "chart", "stdout:b"), shown(0));
    }

    @Test
    void clearOutputWithoutWaitClearsAtOnce() {
        CellOutputCollector sink = cell(0);
        sink.display(display("old"));

        sink.clearOutput(false);

        assertEquals(List.of(), shown(0));
    }

    @Test
    void clearOutputWithWaitKeepsTheOutputsUntilTheNextOneArrives() {
        CellOutputCollector sink = cell(0);
        sink.display(display("epoch 1"));

        sink.clearOutput(true);
        assertEquals(List.of("epoch 1"), shown(0));

        sink.display(display("epoch 2"));
        assertEquals(List.of("epoch 2"), shown(0));
    }

    @Test
    void aWaitingClearIsLeftPendingByADisplayUpdateAndDoneByTheNextStream() {
        CellOutputCollector sink = cell(0);
        sink.display(display("progress 0%", "bar"));
        sink.clearOutput(true);

        sink.updateDisplay(display("progress 50%", "bar"));
        assertEquals(List.of("progress 50%"), shown(0));

        sink.stream(Stream.STDOUT, "done");
        assertEquals(List.of("stdout:done"), shown(0));
    }

    @Test
    void updateDisplayReplacesEveryOutputWithThatIdInEveryCell() {
        cell(0).display(display("v1", "status"));
        cell(0).display(display("other"));
        cell(1).display(display("v1 again", "status"));

        cell(2).updateDisplay(display("v2", "status"));

        assertEquals(List.of("v2", "other"), shown(0));
        assertEquals(List.of("v2"), shown(1));
        assertEquals(List.of(), shown(2), "an update adds no output to the cell that sends it");
    }

    @Test
    void aNewDisplayWithAKnownIdAlsoUpdatesTheEarlierOnes() {
        cell(0).display(display("v1", "status"));

        cell(1).display(display("v2", "status"));

        assertEquals(List.of("v2"), shown(0));
        assertEquals(List.of("v2"), shown(1));
    }

    @Test
    void aClearedCellNoLongerReceivesUpdatesForItsOldDisplays() {
        CellOutputCollector sink = cell(0);
        sink.display(display("v1", "status"));
        sink.clearOutput(false);
        sink.display(display("unrelated"));

        cell(1).updateDisplay(display("v2", "status"));

        assertEquals(List.of("unrelated"), shown(0));
    }

    @Test
    void anUpdateForAnUnknownIdIsIgnored() {
        cell(0).display(display("v1", "a"));

        cell(0).updateDisplay(display("v2", "b"));

        assertEquals(List.of("v1"), shown(0));
    }

    @Test
    void keepsDataAndMetadataButNotTheTransientDisplayId() {
        DisplayData data = display("plain", "id-1");
        data.putHTML("<b>rich</b>");
        data.putMetaData("text/html", Map.of("isolated", true));

        cell(0).display(data);

        assertEquals(new Output.Display(new MimeContent(
                        parse("{\"text/plain\": \"plain\", \"text/html\": \"<b>rich</b>\"}").getAsJsonObject(),
                        parse("{\"text/html\": {\"isolated\": true}}").getAsJsonObject())),
                outputs.of(0).get(0));
    }

    @Test
    void imageBytesAreSavedAsBase64LikeJupyterSavesThem() {
        DisplayData data = display("a picture");
        data.putData("image/png", new byte[] {1, 2, 3});

        cell(0).display(data);

        MimeContent content = ((Output.Display) outputs.of(0).get(0)).content();
        assertEquals(Optional.of("AQID"), content.text("image/png"));
    }

    @Test
    void anExecuteResultKeepsItsCountAndAnErrorItsTraceback() {
        CellOutputCollector sink = cell(0);

        sink.executeResult(7, display("42"));
        sink.error("Boom", "it broke", List.of("Boom: it broke", "\tat cell"));

        assertEquals(OptionalInt.of(7), ((Output.ExecuteResult) outputs.of(0).get(0)).executionCount());
        assertEquals(new Output.Error("Boom", "it broke", List.of("Boom: it broke", "\tat cell")), outputs.of(0).get(1));
    }
}
