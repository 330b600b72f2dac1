package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * Charts side by side in one PNG, {@code columns} to a row, for views that show the same thing
     * for many layers: one image scrolls as one figure, where many would fill the notebook.
     */
    public static MimeBundle gridBundle(List<? extends Chart<?, ?>> charts, int columns) {
        int rows = (charts.size() + columns - 1) / columns;
        int width = charts.get(0).getWidth();
        int height = charts.get(0).getHeight();
        BufferedImage grid = new BufferedImage(width * Math.min(columns, charts.size()), height * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = grid.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            graphics.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * width, (i / columns) * height, width, height, null);
        }
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(grid, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a grid of " + charts.size() + " charts as PNG", e);
        }
        String titles = charts.stream().map(ChartRendering::title).collect(Collectors.joining("; "));
        return MimeBundle.text("[charts: " + titles + "]").withPng(png.toByteArray());
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
