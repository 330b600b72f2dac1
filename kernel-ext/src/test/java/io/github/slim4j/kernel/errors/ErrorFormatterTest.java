package io.github.slim4j.kernel.errors;

import io.github.slim4j.kernel.jshell.CellInterruptedException;
import io.github.slim4j.kernel.jshell.CompilationException;
import io.github.slim4j.kernel.jshell.SnippetDiagnostic;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.ArgumentException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorFormatterTest {

    private final ErrorFormatter formatter = new ErrorFormatter();

    private static String plain(List<String> traceback) {
        return String.join("\n", traceback).replaceAll("\u001B\\[[0-9;]*m", "");
    }

    @Test
    void aMagicErrorIsItsOneLineAlone() {
        ErrorReport report = formatter.format(new MagicException("%model: MODEL 'nett' is not a notebook variable"));
        assertEquals("MagicError", report.ename());
        assertEquals("%model: MODEL 'nett' is not a notebook variable", report.evalue());
        assertEquals(List.of("%model: MODEL 'nett' is not a notebook variable"), List.of(plain(report.traceback())));
    }

    @Test
    void aSubclassOfMagicExceptionIsNamedByItsClassAndStaysOneLine() {
        ErrorReport report = formatter.format(new ArgumentException("--bins 0 is not allowed"));
        assertEquals("ArgumentException", report.ename());
        assertEquals(1, report.traceback().size());
    }

    @Test
    void anExceptionWithoutMessageIsDescribedByItsClass() {
        ErrorReport report = formatter.format(new UnsupportedOperationException());
        assertEquals("UnsupportedOperationException", report.ename());
        assertEquals("java.lang.UnsupportedOperationException", report.evalue());
        assertFalse(plain(report.traceback()).contains("null"));
    }

    @Test
    void aTraceShowsFramesAndCauses() {
        IllegalStateException failure = new IllegalStateException("outer", new IllegalArgumentException("inner"));
        String trace = plain(formatter.format(failure).traceback());
        assertTrue(trace.startsWith("java.lang.IllegalStateException: outer\n    at "), trace);
        assertTrue(trace.contains("\nCaused by: java.lang.IllegalArgumentException: inner\n"), trace);
        assertTrue(trace.contains("ErrorFormatterTest.aTraceShowsFramesAndCauses(ErrorFormatterTest.java:"), trace);
    }

    @Test
    void anInterruptIsOneWord() {
        ErrorReport report = formatter.format(new CellInterruptedException());
        assertEquals("Interrupted", report.ename());
        assertEquals("Interrupted", report.evalue());
        assertEquals("Interrupted", plain(report.traceback()));
    }

    @Test
    void aCompileErrorMarksTheOffendingLineAndGivesJavacsMessage() {
        String source = "int a = 1;\nint b = a +* 2;";
        int start = source.indexOf('*');
        CompilationException error = new CompilationException(source,
                List.of(new SnippetDiagnostic(source, start, start + 1, "illegal start of expression\n  location: class")), List.of());
        ErrorReport report = formatter.format(error);
        assertEquals("CompilationException", report.ename());
        assertEquals("illegal start of expression", report.evalue());
        assertEquals("int b = a +* 2;\n           ^\nillegal start of expression", plain(report.traceback()));
    }

    @Test
    void aDeclarationWaitingForANameSaysWhichOne() {
        ErrorReport report = formatter.format(new CompilationException("class A { B b; }", List.of(), List.of("class B")));
        assertEquals("cannot be used until class B is declared", report.evalue());
        assertTrue(plain(report.traceback()).contains("class B"));
    }
}
