package io.github.slim4j.kernel;

import io.github.slim4j.core.network.Dl4jHelpers;
import io.github.slim4j.kernel.output.RichRendering;
import io.github.slim4j.kernel.timing.TimingMagics;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.spi.Notebook;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

/**
 * Puts slim4j's magics into a basekernel {@link Magics} registry: our kernel's, or a stock IJava
 * kernel's. In IJava, after adding slim4j's jars with {@code %jars}:
 *
 * <pre>{@code
 * io.github.slim4j.kernel.Slim4jMagics.register(
 *         io.github.spencerpark.ijava.IJava.getKernelInstance().getMagics(),
 *         io.github.spencerpark.ijava.IJava.getKernelInstance());
 * }</pre>
 *
 * Only basekernel API is used, so this works with any kernel built on it.
 */
public final class Slim4jMagics {

    private Slim4jMagics() {
    }

    /**
     * Registers the standard catalog, and {@code %%time} and {@code %%timeit} as cell magics, and
     * teaches the kernel to show tables and charts richly. The line forms {@code %time} and
     * {@code %timeit} are not registered: basekernel hands a line magic its words with their quotes
     * removed, which would change the Java code to time; a cell magic gets its body as typed.
     */
    public static void register(Magics registry, BaseKernel kernel) {
        Dl4jHelpers.enable();
        RichRendering.registerInto(kernel.getRenderer());
        BaseKernelNotebook notebook = new BaseKernelNotebook(kernel);
        register(registry, MagicCatalog.standard(), notebook);
        TimingMagics timing = new TimingMagics(new BaseKernelTimedCode(kernel), notebook, System.out::print, System::nanoTime);
        for (String name : TimingMagics.NAMES) {
            registry.registerCellMagic(name, (words, body) -> timing.cell(name, String.join(" ", words), body));
        }
    }

    /** Registers every magic of {@code catalog}, each running against {@code notebook}. */
    public static void register(Magics registry, MagicCatalog catalog, Notebook notebook) {
        for (String name : catalog.names()) {
            registry.registerLineMagic(name, words -> catalog.run(name, words, notebook));
        }
    }
}
