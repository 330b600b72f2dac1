package io.github.slim4j.magics.render;

import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Print formats for table columns that Tablesaw's own set lacks. */
public final class ColumnFormats {

    private ColumnFormats() {
    }

    /**
     * Three significant digits in scientific notation, {@code 5.02E-5}: for errors that span many
     * orders of magnitude, where fixed decimals show only zeros and the default shows sixteen digits.
     */
    public static NumberColumnFormatter scientific() {
        return new NumberColumnFormatter(new DecimalFormat("0.00E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }
}
