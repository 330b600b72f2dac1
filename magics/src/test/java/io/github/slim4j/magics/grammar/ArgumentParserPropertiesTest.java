package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.InMemoryNotebook;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a user types, the parser either succeeds or gives one readable line. */
class ArgumentParserPropertiesTest {

    private static final NotebookVariable<String> WORDS = new NotebookVariable<>("WORDS", "a String",
            value -> value instanceof String text ? Optional.of(text) : Optional.empty());
    private static final Syntax SYNTAX = Syntax.builder("demo", "demo")
            .positional(Positional.one("SOURCE", WORDS, "source"))
            .option(Option.withDefault("--count", new IntegerRange(1, 10, "N"), 3L, "count"))
            .option(Option.of("--rate", new DecimalRange(0, 1, "R"), "rate"))
            .option(Option.of("--mode", Choice.of("a", "b"), "mode"))
            .flag(Flag.of("--loud", "loud"))
            .build();

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("text", "number", "--count", "--rate", "--mode", "--loud", "--", "-1", "0.5", "a", "b", "11", "--count=2", "--loud=x"),
                // A magic line is one line, so no word holds a line break.
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8));
        return word.list().ofMaxSize(6);
    }

    @Property(tries = 500)
    void eitherParsesOrGivesOneLineNamingTheMagic(@ForAll("lines") List<String> words) {
        InMemoryNotebook notebook = new InMemoryNotebook().with("text", "hello").with("number", 42);
        try {
            new ArgumentParser(SYNTAX).parse(words, new ParseContext(notebook));
        } catch (ArgumentException error) {
            String message = error.getMessage();
            assertTrue(message.startsWith("%demo: "), message);
            assertFalse(message.contains("\n"), message);
            boolean typedNull = words.stream().anyMatch(word -> word.contains("null"));
            assertFalse(message.contains("null") && !typedNull, message);
        }
    }
}
