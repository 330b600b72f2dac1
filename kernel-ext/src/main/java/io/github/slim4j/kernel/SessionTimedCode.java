package io.github.slim4j.kernel;

import io.github.slim4j.kernel.jshell.InProcessExecutionControl;
import io.github.slim4j.kernel.jshell.JavaSession;
import io.github.slim4j.kernel.magic.MagicTransformer;
import io.github.slim4j.kernel.timing.TimedCode;

import java.util.function.Supplier;

/** The timing magics' view of our kernel's JShell: code evaluated inside the running cell. */
final class SessionTimedCode implements TimedCode {

    private final Supplier<JavaSession> session;
    private final MagicTransformer transformer;

    SessionTimedCode(Supplier<JavaSession> session, MagicTransformer transformer) {
        this.session = session;
        this.transformer = transformer;
    }

    /** Evaluated as a cell is, so an interrupt stops it between snippets; only running is timed. */
    @Override
    public Timed evaluateTimed(String code) throws Exception {
        String java = transformer.transform(code);
        long start = System.nanoTime();
        InProcessExecutionControl.Metered<Object> run = session.get().control().metered(() -> session.get().evaluator().evalCell(java));
        double compileSeconds = (System.nanoTime() - start - run.running().wall()) / 1e9;
        return new Timed(run.value(), run.running(), compileSeconds);
    }

    @Override
    public void evaluate(String code) throws Exception {
        session.get().evaluator().evalWithinCell(transformer.transform(code));
    }
}
