package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.InMemoryNotebook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentParserTest {

    private static final NotebookVariable<String> WORDS = new NotebookVariable<>("WORDS", "a String",
            value -> value instanceof String text ? Optional.of(text) : Optional.empty());
    private static final Positional<Bound<String>> SOURCE = Positional.one("SOURCE", WORDS, "where from");
    private static final Positional<String> TARGET = Positional.optional("TARGET", new Text("TARGET", "a name"), "where to");
    private static final Option<Long> COUNT = Option.withDefault("--count", new IntegerRange(1, 10, "N"), 3L, "how many");
    private static final Option<Double> RATE = Option.of("--rate", new DecimalRange(0, 1, "R"), "how fast");
    private static final Option<String> MODE = Option.required("--mode", Choice.of("fast", "slow"), "how");
    private static final Option<String> AS = Option.of("--as", new JavaName("NAME"), "result variable");
    private static final Flag LOUD = Flag.of("--loud", "say it loudly");

    private static final Syntax SYNTAX = Syntax.builder("copy", "Copies things")
            .positional(SOURCE).positional(TARGET).option(COUNT).option(RATE).option(MODE).option(AS).flag(LOUD).build();

    private final InMemoryNotebook notebook = new InMemoryNotebook().with("text", "hello").with("number", 42).with("nothing", null);

    private Arguments parse(String line) {
        return new ArgumentParser(SYNTAX).parse(Tokenizer.split(line), new ParseContext(notebook));
    }

    private String error(String line) {
        return assertThrows(ArgumentException.class, () -> parse(line)).getMessage();
    }

    @Test
    void readsEveryKindOfParameter() {
        Arguments arguments = parse("text out --count 7 --rate=0.25 --mode slow --as result --loud");
        assertEquals(new Bound<>("text", "hello"), arguments.get(SOURCE));
        assertEquals(Optional.of("out"), arguments.optional(TARGET));
        assertEquals(7L, arguments.get(COUNT));
        assertEquals(Optional.of(0.25), arguments.optional(RATE));
        assertEquals("slow", arguments.get(MODE));
        assertEquals(Optional.of("result"), arguments.optional(AS));
        assertTrue(arguments.isSet(LOUD));
    }

    @Test
    void appliesDefaultsAndLeavesOptionalsEmpty() {
        Arguments arguments = parse("--mode fast text");
        assertEquals(3L, arguments.get(COUNT));
        assertEquals(Optional.empty(), arguments.optional(RATE));
        assertEquals(Optional.empty(), arguments.optional(TARGET));
        assertFalse(arguments.isSet(LOUD));
    }

    @Test
    void unknownOptionSuggestsTheNearestName() {
        assertEquals("%copy: unknown option --cont; did you mean --count? (see %help copy)", error("text --mode fast --cont 2"));
    }

    @Test
    void unknownOptionWithoutANearNameListsTheOptions() {
        assertEquals("%copy: unknown option --zzzzzz; options are --count, --rate, --mode, --as, --loud (see %help copy)",
                error("text --mode fast --zzzzzz"));
    }

    @Test
    void missingPositionalNamesItAndWhatItTakes() {
        assertEquals("%copy: missing SOURCE: the name of a notebook variable holding a String (see %help copy)", error("--mode fast"));
    }

    @Test
    void extraArgumentIsNamed() {
        assertEquals("%copy: unexpected argument 'extra'; %copy takes SOURCE TARGET (see %help copy)", error("text out extra --mode fast"));
    }

    @Test
    void missingRequiredOption() {
        assertEquals("%copy: missing --mode: one of fast, slow (see %help copy)", error("text"));
    }

    @Test
    void wrongTypeAndOutOfRangeNameTheValueAndTheRange() {
        assertEquals("%copy: --count must be an integer from 1 to 10, got 'many'", error("text --mode fast --count many"));
        assertEquals("%copy: --count must be an integer from 1 to 10, got '11'", error("text --mode fast --count 11"));
        assertEquals("%copy: --rate must be a number from 0 to 1, got '1.5'", error("text --mode fast --rate 1.5"));
        assertEquals("%copy: --rate must be a number from 0 to 1, got 'NaN'", error("text --mode fast --rate NaN"));
        assertEquals("%copy: --mode must be one of fast, slow, got 'medium'", error("text --mode medium"));
    }

    @Test
    void negativeNumbersAreValuesNotOptions() {
        assertEquals("%copy: --rate must be a number from 0 to 1, got '-0.5'", error("text --mode fast --rate -0.5"));
    }

    @Test
    void optionWithoutValue() {
        assertEquals("%copy: --count needs a value: an integer from 1 to 10", error("text --mode fast --count"));
    }

    @Test
    void optionGivenTwice() {
        assertEquals("%copy: --count is given twice ('1' and '2'); give it once", error("text --mode fast --count 1 --count 2"));
        assertEquals("%copy: --loud is given twice; give it once", error("text --mode fast --loud --loud"));
    }

    @Test
    void flagTakesNoValue() {
        assertEquals("%copy: --loud is a flag and takes no value, got 'yes'", error("text --mode fast --loud=yes"));
    }

    @Test
    void unknownVariableSuggestsANearName() {
        assertEquals("%copy: SOURCE 'txet' is not a notebook variable; did you mean 'text'?", error("txet --mode fast"));
        assertEquals("%copy: SOURCE 'zebra' is not a notebook variable", error("zebra --mode fast"));
    }

    @Test
    void variableOfTheWrongKindNamesWhatItHolds() {
        assertEquals("%copy: SOURCE 'number' holds an Integer; expected a String", error("number --mode fast"));
        assertEquals("%copy: SOURCE 'nothing' is null; expected a String", error("nothing --mode fast"));
    }

    @Test
    void variableNameMustBeAnIdentifier() {
        assertEquals("%copy: SOURCE 'a.b' is not a variable name; expected the name of a String", error("a.b --mode fast"));
    }

    @Test
    void newVariableNameMustBeAJavaName() {
        assertTrue(error("text --mode fast --as 1x").startsWith("%copy: --as must be a Java variable name"));
        assertTrue(error("text --mode fast --as class").startsWith("%copy: --as must be a Java variable name"));
    }

    @Test
    void doubleDashEndsOptions() {
        assertEquals(Optional.of("--count"), parse("text --mode fast -- --count").optional(TARGET));
    }

    @Test
    void readingAParameterTheWrongWayIsAProgrammingError() {
        Arguments arguments = parse("text --mode fast");
        assertThrows(IllegalArgumentException.class, () -> arguments.get(RATE));
        assertThrows(IllegalArgumentException.class, () -> arguments.all(SOURCE));
    }

    @Test
    void syntaxRejectsAnOptionalPositionalBeforeARequiredOne() {
        assertThrows(IllegalArgumentException.class, () -> Syntax.builder("bad", "bad").positional(TARGET).positional(SOURCE).build());
    }

    @Test
    void syntaxRejectsTheSameOptionTwice() {
        assertThrows(IllegalArgumentException.class, () -> Syntax.builder("bad", "bad").option(COUNT).option(COUNT).build());
    }

    @Test
    void oneOrMoreCollectsTheRest() {
        Positional<String> many = Positional.oneOrMore("NAME", new Text("NAME", "a name"), "names");
        Syntax syntax = Syntax.builder("many", "many").positional(many).build();
        Arguments arguments = new ArgumentParser(syntax).parse(List.of("a", "b", "c"), new ParseContext(notebook));
        assertEquals(List.of("a", "b", "c"), arguments.all(many));
        ArgumentException none = assertThrows(ArgumentException.class,
                () -> new ArgumentParser(syntax).parse(List.of(), new ParseContext(notebook)));
        assertEquals("%many: missing NAME: a name (see %help many)", none.getMessage());
    }

    @Test
    void magicWithoutOptionsSaysSo() {
        Syntax bare = Syntax.builder("bare", "bare").build();
        ArgumentException error = assertThrows(ArgumentException.class,
                () -> new ArgumentParser(bare).parse(List.of("--x"), new ParseContext(notebook)));
        assertEquals("%bare: unknown option --x; %bare takes no options (see %help bare)", error.getMessage());
    }

    @Test
    void aOneLetterOptionOrFlagParsesLikeALongOne() {
        Option<Long> loops = Option.of("-n", new IntegerRange(1, 100, "N"), "loops");
        Flag output = Flag.of("-o", "return it");
        Syntax shortSyntax = Syntax.builder("timeit", "Times").positional(TARGET).option(loops).flag(output).build();
        Arguments arguments = new ArgumentParser(shortSyntax).parse(List.of("-n", "5", "-o", "--", "-x"), new ParseContext(notebook));
        assertEquals(Optional.of(5L), arguments.optional(loops));
        assertTrue(arguments.isSet(output));
        assertEquals(Optional.of("-x"), arguments.optional(TARGET));
    }

    @Test
    void namesAreADoubleDashWordOrOneDashAndOneLetter() {
        assertThrows(IllegalArgumentException.class, () -> Option.of("-nn", new IntegerRange(1, 2, "N"), "two letters"));
        assertThrows(IllegalArgumentException.class, () -> Flag.of("-1", "a digit"));
        assertThrows(IllegalArgumentException.class, () -> Flag.of("--", "no word"));
    }
}
