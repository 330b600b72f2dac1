package io.github.slim4j.kernel.analysis;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/** One JShell for the analysis tests; analysis never runs code, so the local engine suffices. */
final class AnalysisShell {

    private static final JShell SHELL = JShell.builder().executionEngine("local").build();

    private AnalysisShell() {
    }

    static SourceCodeAnalysis analysis() {
        return SHELL.sourceCodeAnalysis();
    }
}
