package io.github.slim4j.kernel.timing;

/** What the timing magics need of the kernel whose cell is running: evaluating more code in it. */
public interface TimedCode {

    /** A value and how long running its code took, compiling apart. */
    record Timed(Object value, CpuTimes running, double compileSeconds) {
    }

    /**
     * Evaluates code as a cell's, its magics included: declarations stay defined, and the value is
     * the last snippet's, or null. Stops at an interrupt as a cell does.
     */
    Timed evaluateTimed(String code) throws Exception;

    /** Evaluates code for its effect, its magics included. */
    void evaluate(String code) throws Exception;
}
