package io.github.slim4j.kernel;

import io.github.slim4j.kernel.runtime.Handoff;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Variable;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseKernelNotebookTest {

    private final ScriptedBaseKernel kernel = new ScriptedBaseKernel();
    private final BaseKernelNotebook notebook = new BaseKernelNotebook(kernel);

    @Test
    void lookupReturnsTheLiveValueThroughOneStatement() {
        Object net = new Object();
        kernel.variables.put("net", net);
        Variable found = notebook.lookup("net");
        assertSame(net, assertInstanceOf(Variable.Present.class, found).value());
        assertEquals(1, kernel.evaluated.size());
        assertTrue(kernel.evaluated.get(0).endsWith(", net);"), "a statement, not an expression: " + kernel.evaluated.get(0));
    }

    @Test
    void aVariableHoldingNullIsPresent() {
        kernel.variables.put("empty", null);
        assertEquals(Variable.of(null), notebook.lookup("empty"));
    }

    @Test
    void aNameThatDoesNotCompileIsAbsent() {
        assertEquals(Variable.absent(), notebook.lookup("missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"net; System.exit(0)", "class", "3x", "a.b", "", "x y"})
    void textThatIsNotAVariableNameIsNeverEvaluated(String name) {
        assertEquals(Variable.absent(), notebook.lookup(name));
        assertEquals(List.of(), kernel.evaluated);
    }

    @Test
    void defineDeclaresTheVariableWithTheGivenTypeAndValue() {
        List<Integer> value = List.of(1, 2);
        notebook.define("sizes", "java.util.List<Integer>", value);
        assertSame(value, kernel.variables.get("sizes"));
        assertEquals("java.util.List<Integer>", kernel.declaredTypes.get("sizes"));
        assertEquals(Variable.absent(), Handoff.claim(kernel.lastToken));
    }

    @Test
    void aDefinitionThatDoesNotCompileFailsAndLeavesNothingBehind() {
        kernel.rejectDefinitions = true;
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> notebook.define("t", "NoSuchType", "x"));
        assertTrue(failure.getMessage().contains("could not define t as NoSuchType"), failure.getMessage());
        assertEquals(Variable.absent(), Handoff.claim(kernel.lastToken));
    }

    @Test
    void defineRefusesANameThatIsNotAVariableName() {
        assertThrows(IllegalArgumentException.class, () -> notebook.define("x = 1; y", "int", 1));
        assertEquals(List.of(), kernel.evaluated);
    }

    @Test
    void displayShowsEveryMimeTypeWithTheDisplayId() {
        notebook.display(MimeBundle.html("<b>hi</b>", "hi"), Optional.of("progress-1"));
        DisplayData shown = kernel.displayed.get(0);
        assertEquals("<b>hi</b>", shown.getData(MIMEType.TEXT_HTML));
        assertEquals("hi", shown.getData(MIMEType.TEXT_PLAIN));
        assertEquals("progress-1", shown.getDisplayId());
    }

    @Test
    void updateDisplayPublishesAnUpdateForTheId() {
        List<DisplayData> updates = new ArrayList<>();
        BaseKernelNotebook recording = new BaseKernelNotebook(kernel) {
            @Override
            protected void publishUpdate(DisplayData data) {
                updates.add(data);
            }
        };
        recording.updateDisplay("progress-1", MimeBundle.text("50%"));
        assertEquals("progress-1", updates.get(0).getDisplayId());
        assertEquals("50%", updates.get(0).getData(MIMEType.TEXT_PLAIN));
    }
}
