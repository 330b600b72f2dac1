package io.github.slim4j.magics;

import io.github.slim4j.core.memory.MemoryRoom;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.magics.grammar.JavaName;
import io.github.slim4j.magics.grammar.Option;
import java.util.Optional;

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

    /**
     * The model a magic changes: {@code model} itself, or with {@code --as} a copy of it, made once
     * its parameters' bytes are known to fit under the kernel's memory limit.
     *
     * @throws io.github.slim4j.core.Slim4jException when the copy does not fit, saying what it needs
     */
    public static ModelHandle target(ModelHandle model, String name, Optional<String> copyName) {
        if (copyName.isEmpty()) {
            return model;
        }
        long bytes = model.parameters().stream().mapToLong(ResultVariable::bytes).sum();
        MemoryRoom.require(bytes, "a copy of " + name + " for --as");
        return model.deepCopy();
    }

    private static long bytes(ParamTensor tensor) {
        return tensor.length() * tensor.values().dataType().width();
    }
}
