package io.github.slim4j.kernel.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link OutputSink} of one cell while the runner executes it. It applies the rules Jupyter's
 * own tools (nbclient, and nbconvert's {@code coalesce_streams}) apply to a kernel's messages, so
 * the saved cell holds what Jupyter would have saved:
 * consecutive text on one stream is one output in which carriage returns have overwritten their
 * line, {@code clear_output(wait=true)} clears only when the next output arrives, and a display id
 * is remembered rather than saved.
 */
final class CellOutputCollector implements OutputSink {

    /**
     * Serializes a {@link DisplayData} exactly as basekernel puts it on the wire, since its fields
     * have no getters. Binary content given as bytes becomes base64, the only form Jupyter reads.
     */
    private static final Gson WIRE_FORMAT = new GsonBuilder()
            .registerTypeAdapter(byte[].class, (JsonSerializer<byte[]>) (bytes, type, context) ->
                    new JsonPrimitive(Base64.getEncoder().encodeToString(bytes)))
            .create();

    private final RunOutputs outputs;
    private final int cell;
    private boolean clearBeforeNextOutput;

    CellOutputCollector(RunOutputs outputs, int cell) {
        this.outputs = outputs;
        this.cell = cell;
    }

    @Override
    public synchronized void stream(Stream stream, String text) {
        add(Output.Stream.asShown(stream == Stream.STDERR ? Output.Stream.STDERR : Output.Stream.STDOUT, text));
    }

    @Override
    public synchronized void display(DisplayData data) {
        addRich(new Output.Display(content(data)), data);
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
        displayId(data).ifPresent(id -> outputs.updateDisplay(id, content(data)));
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearBeforeNextOutput = true;
        } else {
            outputs.clear(cell);
        }
    }

    @Override
    public synchronized void executeResult(int executionCount, DisplayData data) {
        addRich(new Output.ExecuteResult(OptionalInt.of(executionCount), content(data)), data);
    }

    @Override
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        add(new Output.Error(ename, evalue, traceback));
    }

    /** A new output with a display id also updates the earlier outputs with that id, as in Jupyter. */
    private void addRich(Output.Rich output, DisplayData data) {
        Optional<String> displayId = displayId(data);
        displayId.ifPresent(id -> outputs.updateDisplay(id, output.content()));
        clearIfWaiting();
        displayId.ifPresentOrElse(id -> outputs.appendDisplayed(cell, output, id), () -> outputs.append(cell, output));
    }

    private void add(Output output) {
        clearIfWaiting();
        outputs.append(cell, output);
    }

    private void clearIfWaiting() {
        if (clearBeforeNextOutput) {
            outputs.clear(cell);
            clearBeforeNextOutput = false;
        }
    }

    private static MimeContent content(DisplayData data) {
        JsonObject wire = WIRE_FORMAT.toJsonTree(data).getAsJsonObject();
        return new MimeContent(objectOrEmpty(wire.get("data")), objectOrEmpty(wire.get("metadata")));
    }

    private static JsonObject objectOrEmpty(JsonElement element) {
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
    }

    private static Optional<String> displayId(DisplayData data) {
        return Optional.ofNullable(data.getDisplayId());
    }
}
