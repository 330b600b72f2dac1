package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An XChart chart as rich output: a PNG by default, SVG on request, always a text fallback. */
public final class ChartRendering {

    private ChartRendering() {
    }

    public static MimeBundle bundle(Chart<?, ?> chart, ChartFormat format) {
        MimeBundle text = MimeBundle.text("[chart: " + title(chart) + "]");
        return switch (format) {
            case PNG -> text.withPng(png(chart));
            case SVG -> text.with(MimeBundle.IMAGE_SVG, svg(chart));
            case NONE -> throw new IllegalArgumentException("a chart shown with --chart none has no bundle");
        };
    }

    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart '" + title(chart) + "' as PNG", e);
        }
    }

    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart '" + title(chart) + "' as SVG", e);
        }
        return svg.toString(StandardCharsets.UTF_8);
    }

    private static String title(Chart<?, ?> chart) {
        return chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : chart.getTitle();
    }
}
