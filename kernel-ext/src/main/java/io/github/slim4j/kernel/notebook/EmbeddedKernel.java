package io.github.slim4j.kernel.notebook;

import io.github.slim4j.kernel.Slim4jKernel;
import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.kernel.exec.OutputSink;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import java.nio.file.Path;

/** The slim4j kernel itself, started inside this process for one notebook run. */
final class EmbeddedKernel implements KernelSession {

    private final Slim4jKernel kernel;

    private EmbeddedKernel(Slim4jKernel kernel) {
        this.kernel = kernel;
    }

    static KernelSession start(Path notebookFolder) {
        return new EmbeddedKernel(new Slim4jKernel(notebookFolder));
    }

    @Override
    public ExecutionOutcome execute(String code, OutputSink sink) {
        return kernel.execute(code, sink);
    }

    @Override
    public LanguageInfo languageInfo() {
        return kernel.getLanguageInfo();
    }

    @Override
    public void close() {
        kernel.shutdown();
    }
}
