package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.InMemoryNotebook;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RuleTest {

    private static final Option<String> MODE = Option.withDefault("--mode", Choice.of("a", "b"), "a", "mode");
    private static final Option<Long> LEVEL = Option.of("--level", new IntegerRange(1, 9, "N"), "level");
    private static final Option<Long> TIMES = Option.of("--times", new IntegerRange(1, 9, "N"), "times");
    private static final Flag FAST = Flag.of("--fast", "fast");
    private static final Flag SLOW = Flag.of("--slow", "slow");
    private static final Option<String> TUNE = Option.of("--tune", new Text("T", "a tune"), "only in mode b");

    private static final Syntax SYNTAX = Syntax.builder("demo", "demo")
            .option(MODE).option(LEVEL).option(TIMES).flag(FAST).flag(SLOW).option(TUNE)
            .rule(new Rule.AtMostOne(List.of(FAST, SLOW)))
            .rule(new Rule.ExactlyOne(FAST, List.of(LEVEL, TIMES)))
            .rule(Rule.Requires.present(TIMES, FAST))
            .rule(Rule.Requires.value(TUNE, MODE, "b"))
            .build();

    private String error(String line) {
        return assertThrows(ArgumentException.class,
                () -> new ArgumentParser(SYNTAX).parse(Tokenizer.split(line), new ParseContext(new InMemoryNotebook()))).getMessage();
    }

    private void parses(String line) {
        new ArgumentParser(SYNTAX).parse(Tokenizer.split(line), new ParseContext(new InMemoryNotebook()));
    }

    @Test
    void atMostOneNamesTheTwoThatClash() {
        assertEquals("%demo: --fast and --slow cannot go together; give one of --fast, --slow (see %help demo)", error("--slow --fast --level 1"));
    }

    @Test
    void exactlyOneWhenItsAnchorIsGiven() {
        assertEquals("%demo: --fast needs one of --level, --times (see %help demo)", error("--fast"));
        assertEquals("%demo: --level and --times cannot go together; give one of --level, --times (see %help demo)",
                error("--fast --level 1 --times 2"));
        parses("--fast --level 1");
        parses("--slow");
    }

    @Test
    void requiresAnotherOptionOrOneOfItsValues() {
        assertEquals("%demo: --times needs --fast (see %help demo)", error("--times 2"));
        assertEquals("%demo: --tune needs --mode b (see %help demo)", error("--tune x"));
        assertEquals("%demo: --tune needs --mode b (see %help demo)", error("--tune x --mode a"));
        parses("--tune x --mode b");
    }

    @Test
    void rulesAreCheckedBeforeValuesAreRead() {
        assertEquals("%demo: --times needs --fast (see %help demo)", error("--times many"));
    }

    @Test
    void everyRuleDescribesItselfForHelp() {
        assertEquals(List.of(
                "Give at most one of --fast, --slow.",
                "--fast needs one of --level, --times.",
                "--times needs --fast.",
                "--tune needs --mode b."), SYNTAX.rules().stream().map(Rule::describe).toList());
    }

    private static final Positional<String> WORDS = Positional.zeroOrMore("WORD", new Text("WORD", "a word"), "words");
    private static final Flag LIST = Flag.of("--list", "list");
    private static final Syntax WORDS_OR_LIST = Syntax.builder("pick", "pick")
            .positional(WORDS).flag(LIST)
            .rule(new Rule.OneOf(List.of(WORDS, LIST)))
            .build();

    private Arguments parsePick(String line) {
        return new ArgumentParser(WORDS_OR_LIST).parse(Tokenizer.split(line), new ParseContext(new InMemoryNotebook()));
    }

    @Test
    void oneOfSeesPositionalsAndWantsExactlyOne() {
        assertEquals("%pick: give one of WORD, --list (see %help pick)",
                assertThrows(ArgumentException.class, () -> parsePick("")).getMessage());
        assertEquals("%pick: WORD and --list cannot go together; give one of WORD, --list (see %help pick)",
                assertThrows(ArgumentException.class, () -> parsePick("a --list b")).getMessage());
        assertEquals(List.of("a", "b"), parsePick("a b").all(WORDS));
        assertEquals(List.of(), parsePick("--list").all(WORDS));
        assertEquals("%pick [WORD ...] [--list]", Usage.synopsis(WORDS_OR_LIST));
    }
}
