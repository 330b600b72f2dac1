package io.github.slim4j.magics.render;

import io.github.slim4j.magics.grammar.Choice;
import io.github.slim4j.magics.grammar.Option;

import java.util.Locale;

/** How a magic's chart is shown: a PNG image (the default), an SVG drawing, or not at all. */
public enum ChartFormat {
    PNG, SVG, NONE;

    /** The {@code --chart} option every magic that draws a chart declares. */
    public static final Option<String> OPTION = Option.withDefault("--chart", Choice.of("png", "svg", "none"), "png",
            "how to show the chart: png image, svg drawing (crisp at any zoom, larger), or none");

    public static ChartFormat parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
