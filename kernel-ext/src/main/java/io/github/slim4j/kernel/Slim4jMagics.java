package io.github.slim4j.kernel;

import io.github.slim4j.core.network.Dl4jHelpers;
import io.github.slim4j.kernel.output.RichRendering;
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

    /** Registers the standard catalog, and teaches the kernel to show tables and charts richly. */
    public static void register(Magics registry, BaseKernel kernel) {
        Dl4jHelpers.enable();
        RichRendering.registerInto(kernel.getRenderer());
        register(registry, MagicCatalog.standard(), new BaseKernelNotebook(kernel));
    }

    /** Registers every magic of {@code catalog}, each running against {@code notebook}. */
    public static void register(Magics registry, MagicCatalog catalog, Notebook notebook) {
        for (String name : catalog.names()) {
            registry.registerLineMagic(name, words -> catalog.run(name, words, notebook));
        }
    }
}
