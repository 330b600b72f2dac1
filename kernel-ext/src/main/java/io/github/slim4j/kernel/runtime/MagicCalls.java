package io.github.slim4j.kernel.runtime;

import io.github.slim4j.kernel.timing.TimeitResult;
import tech.tablesaw.api.Table;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a line magic becomes in the Java that JShell runs (see
 * {@link io.github.slim4j.kernel.magic.MagicTransformer}). The magic's words arrive base64-encoded,
 * exactly as typed.
 */
public final class MagicCalls {

    private MagicCalls() {
    }

    /** Runs a magic whose result type the transformer does not know. */
    public static Object line(String name, String encodedWords) {
        return ActiveKernel.get().lineMagic(name, decoded(encodedWords));
    }

    /** Runs one of slim4j's magics, which all return the table they displayed. */
    public static Table table(String name, String encodedWords) {
        return (Table) line(name, encodedWords);
    }

    /** {@code %time CODE}: the code's value, the cell's value when it ends the cell. */
    public static Object time(String encodedLine) throws Exception {
        return ActiveKernel.get().timing().time(decoded(encodedLine));
    }

    /** {@code %timeit [options] CODE}: with {@code -o} the result, else null. */
    public static TimeitResult timeit(String encodedLine) throws Exception {
        return ActiveKernel.get().timing().timeit(decoded(encodedLine));
    }

    /** A cell whose first line is {@code %%name words}; its value is the cell's value. */
    public static Object cell(String name, String encodedWords, String encodedBody) throws Exception {
        return ActiveKernel.get().timing().cell(name, decoded(encodedWords), decoded(encodedBody));
    }

    private static String decoded(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
