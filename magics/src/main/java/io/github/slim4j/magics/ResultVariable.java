package io.github.slim4j.magics;

import io.github.slim4j.magics.grammar.JavaName;
import io.github.slim4j.magics.grammar.Option;

/**
 * The {@code --as NAME} option of magics that make a model: with it the magic works on a copy and
 * keeps the result in the new variable NAME; without it, it changes the model in place.
 */
public final class ResultVariable {

    private ResultVariable() {
    }

    /** {@code --as NAME}, described by what the copy receives, e.g. "train a copy". */
    public static Option<String> option(String whatTheCopyGets) {
        return Option.of("--as", new JavaName("NAME"),
                whatTheCopyGets + " and keep it in the new variable NAME, leaving MODEL as it is (default: change MODEL in place)");
    }
}
