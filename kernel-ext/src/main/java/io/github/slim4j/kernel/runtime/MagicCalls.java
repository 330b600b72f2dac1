package io.github.slim4j.kernel.runtime;

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
        String words = new String(Base64.getDecoder().decode(encodedWords), StandardCharsets.UTF_8);
        return ActiveKernel.get().lineMagic(name, words);
    }

    /** Runs one of slim4j's magics, which all return the table they displayed. */
    public static Table table(String name, String encodedWords) {
        return (Table) line(name, encodedWords);
    }
}
