package io.github.slim4j.magics.grammar;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/** Names the kind of a value the way a user thinks of it, for error messages. */
public final class TypeNames {

    private TypeNames() {
    }

    /** "a String", "an INDArray", "a Map", with the article. */
    public static String describe(Object value) {
        String name = simpleName(value);
        return (startsWithVowelSound(name) ? "an " : "a ") + name;
    }

    private static String simpleName(Object value) {
        // Users declare INDArray, never ND4J's backend class NDArray.
        if (value instanceof INDArray) {
            return "INDArray";
        }
        if (value instanceof Map<?, ?>) {
            return "Map";
        }
        if (value instanceof Collection<?>) {
            return value.getClass().getSimpleName().isEmpty() ? "Collection" : value.getClass().getSimpleName();
        }
        String simple = value.getClass().getSimpleName();
        return simple.isEmpty() ? value.getClass().getName() : simple;
    }

    private static boolean startsWithVowelSound(String word) {
        return !word.isEmpty() && ("AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0);
    }
}
