package io.github.slim4j.kernel.notebook;

import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;

/**
 * A kernel started for one run of one notebook. Cells run on it in order and share its state,
 * as in a Jupyter session; closing it ends the session.
 */
interface KernelSession extends AutoCloseable {

    /** Runs one cell, writing all its outputs to {@code sink} before returning. */
    ExecutionOutcome execute(String code, OutputSink sink);

    LanguageInfo languageInfo();

    @Override
    void close();
}
