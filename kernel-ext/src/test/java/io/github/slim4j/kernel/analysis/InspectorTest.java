package io.github.slim4j.kernel.analysis;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorTest {

    private final Inspector inspector = new Inspector(AnalysisShell.analysis());

    private static String plain(Optional<DisplayData> docs) {
        assertTrue(docs.isPresent(), "no documentation found");
        return docs.get().getData(MIMEType.TEXT_PLAIN).toString();
    }

    @Test
    void aMethodIsFoundWithTheCursorAtTheEndOfItsName() {
        assertTrue(plain(inspector.inspect("Math.max", "Math.max".length())).contains("Math.max(int a, int b)"));
    }

    @Test
    void aMethodIsFoundWithTheCursorInsideItsName() {
        assertTrue(plain(inspector.inspect("Math.max(1, 2)", 6)).contains("Math.max(double a, double b)"));
    }

    @Test
    void aClassIsFound() {
        assertTrue(plain(inspector.inspect("String", 3)).contains("java.lang.String"));
    }

    @Test
    void aFieldIsFound() {
        assertTrue(plain(inspector.inspect("System.out", "System.out".length())).contains("java.io.PrintStream"));
    }

    @Test
    void nothingIsFoundAwayFromAName() {
        assertTrue(inspector.inspect("1 + 2", 2).isEmpty());
    }

    @Test
    void theHtmlVersionEscapesSignatures() {
        Object html = inspector.inspect("java.util.List", "java.util.List".length()).orElseThrow().getData(MIMEType.TEXT_HTML);
        assertTrue(html.toString().contains("java.util.List&lt;E&gt;"), html.toString());
    }
}
