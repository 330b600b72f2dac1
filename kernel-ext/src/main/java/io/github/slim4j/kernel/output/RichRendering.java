package io.github.slim4j.kernel.output;

import io.github.slim4j.magics.render.Rendering;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The one bridge between slim4j's rich output ({@link MimeBundle}, made by the magics module's
 * {@link Rendering}) and basekernel's ({@link DisplayData}, shown by any basekernel kernel).
 */
public final class RichRendering {

    private RichRendering() {
    }

    public static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        bundle.data().forEach(data::putData);
        return data;
    }

    /**
     * Teaches a kernel's renderer to show Tablesaw tables and XChart charts richly, whether they
     * are a cell's value or passed to {@code display}.
     */
    public static void registerInto(Renderer renderer) {
        registerFor(Table.class, renderer);
        registerFor(Chart.class, renderer);
    }

    private static <T> void registerFor(Class<T> type, Renderer renderer) {
        renderer.createRegistration(type)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN, MIMEType.TEXT_MARKDOWN, MIMEType.IMAGE_SVG)
                .register((value, context) -> Rendering.toBundle(value)
                        .ifPresent(bundle -> context.getOutputContainer().assign(toDisplayData(bundle))));
    }
}
