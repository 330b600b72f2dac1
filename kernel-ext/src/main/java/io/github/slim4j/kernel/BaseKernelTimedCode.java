package io.github.slim4j.kernel;

import io.github.slim4j.kernel.timing.CpuTimes;
import io.github.slim4j.kernel.timing.TimedCode;
import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * The timing magics on any basekernel kernel, such as stock IJava, through
 * {@link BaseKernel#eval(String)} alone. Such a kernel runs the code on threads of its own and
 * compiles it in the same call, so the time includes compiling, and only the process's CPU time is
 * known; the value stays with the kernel ({@code eval} hands back only its rendering).
 */
final class BaseKernelTimedCode implements TimedCode {

    private final BaseKernel kernel;

    BaseKernelTimedCode(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Timed evaluateTimed(String code) throws Exception {
        CpuTimes start = CpuTimes.now();
        kernel.eval(code);
        return new Timed(null, CpuTimes.now().minus(start).processOnly(), 0);
    }

    @Override
    public void evaluate(String code) throws Exception {
        kernel.eval(code);
    }
}
