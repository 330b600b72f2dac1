package io.github.slim4j.kernel.magic;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MagicTransformerTest {

    private final MagicTransformer transformer = new MagicTransformer(Set.of("model", "help")::contains);

    private final MagicTransformer timing = new MagicTransformer(Set.of("model")::contains, Set.of("time", "timeit")::contains);

    private static String encoded(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String call(String method, String name, String words) {
        String encoded = Base64.getEncoder().encodeToString(words.getBytes(StandardCharsets.UTF_8));
        return "io.github.slim4j.kernel.runtime.MagicCalls." + method + "(\"" + name + "\", \"" + encoded + "\")";
    }

    @Test
    void aMagicAtTheStartOfALineBecomesABlockStatement() {
        assertEquals("{ " + call("table", "model", "net --bins 40") + "; }", transformer.transform("%model net --bins 40"));
    }

    @Test
    void aMagicIndentedOrAfterAStatementKeepsItsLine() {
        String cell = "int x = 1;\n  %model net\nx";
        String expected = "int x = 1;\n  { " + call("table", "model", "net") + "; }\nx";
        assertEquals(expected, transformer.transform(cell));
    }

    @Test
    void aMagicAfterAnAssignmentIsATypedValue() {
        assertEquals("var t = " + call("table", "model", "net --chart none") + ";",
                transformer.transform("var t = %model net --chart none"));
    }

    @Test
    void aSemicolonEndingAnAssignedMagicIsOptional() {
        assertEquals(transformer.transform("var t = %model net"), transformer.transform("var t = %model net;"));
    }

    @Test
    void aMagicTheCatalogDoesNotKnowReturnsAnObject() {
        assertEquals("Object o = " + call("line", "custom", "a b") + ";", transformer.transform("Object o = %custom a b"));
    }

    @Test
    void wordsArePassedExactlyAsTyped() {
        String words = "net --layers \"conv.*=int8, fc1=int4\" --exclude 'fc\\d+' \u00e9";
        assertEquals("{ " + call("table", "model", words) + "; }", transformer.transform("%model " + words));
    }

    @Test
    void moduloIsNotAMagic() {
        String cell = "int r = a % b;\nint s = a %b;\nint t = a\n%b;";
        assertEquals(cell, transformer.transform(cell));
    }

    @Test
    void comparisonsAndCompoundAssignmentsAreNotMagics() {
        String cell = "boolean same = x == %model;\nx += %model;";
        assertEquals(cell, transformer.transform(cell));
    }

    @Test
    void percentInsideStringsCharactersTextBlocksAndCommentsIsLeftAlone() {
        String cell = String.join("\n",
                "String s = \"%model net\";",
                "String q = \"\\\" = %model\";",
                "char c = '%';",
                "String block = \"\"\"",
                "%model net",
                "\"\"\";",
                "// %model net",
                "/* = %model",
                "%model net */");
        assertEquals(cell, transformer.transform(cell));
    }

    @Test
    void aMagicAfterACommentLineStillStartsAStatement() {
        assertEquals("// look at it\n{ " + call("table", "model", "net") + "; }", transformer.transform("// look at it\n%model net"));
    }

    @Test
    void severalMagicsInOneCellAreAllReplaced() {
        String expected = "{ " + call("table", "model", "a") + "; }\n{ " + call("table", "help", "") + "; }";
        assertEquals(expected, transformer.transform("%model a\n%help"));
    }

    @Test
    void aPercentNotFollowedByANameIsNotAMagic() {
        assertEquals("%% cell\n% 5", transformer.transform("%% cell\n% 5"));
    }

    @Test
    void aMagicWhoseValueIsTheCellsBecomesAnExpressionStatementNamedAfterIt() {
        String calls = "io.github.slim4j.kernel.runtime.MagicCalls.";
        assertEquals(calls + "time(\"" + encoded("f(\"a b\")") + "\");", timing.transform("%time f(\"a b\")"));
        assertEquals("int x = 1;\n" + calls + "time(\"" + encoded("%model net") + "\");\nx",
                timing.transform("int x = 1;\n%time %model net\nx"));
    }

    @Test
    void anAssignedTimeitIsTypedByItsMethod() {
        assertEquals("var r = io.github.slim4j.kernel.runtime.MagicCalls.timeit(\"" + encoded("-o f()") + "\");",
                timing.transform("var r = %timeit -o f();"));
    }

    @Test
    void aFirstLineWithTwoPercentSignsMakesTheCellACellMagic() {
        String body = "int y = 2;\n%model net\ny";
        assertEquals("io.github.slim4j.kernel.runtime.MagicCalls.cell(\"timeit\", \"" + encoded("-n 5 int[] a = {0};") + "\", \"" + encoded(body) + "\")",
                timing.transform("%%timeit -n 5 int[] a = {0};\n" + body));
        assertEquals("io.github.slim4j.kernel.runtime.MagicCalls.cell(\"time\", \"\", \"\")", timing.transform("%%time"));
    }

    @Test
    void twoPercentSignsLaterInTheCellAreNotACellMagic() {
        assertEquals("int z = 1;\n%%time", timing.transform("int z = 1;\n%%time"));
    }
}
