package io.github.slim4j.kernel.analysis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompletenessRuleTest {

    private final CompletenessRule rule = new CompletenessRule(AnalysisShell.analysis());

    @ParameterizedTest
    @ValueSource(strings = {"1 + 1", "int x = 1;", "int x = 1", "undefinedName.call()", "import java.util.*;",
            "void f() {}", "for (int i = 0; i < 3; i++) {}\nSystem.out.println(i);", "", "// only a comment",
            "{ io.github.slim4j.kernel.runtime.MagicCalls.table(\"model\", \"bmV0\"); }"})
    void completeCodeIsComplete(String code) {
        assertEquals(Completeness.Status.COMPLETE, rule.judge(code).status(), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"for (int i = 0; i < 3; i++) {", "int y =", "Math.max(1,", "/* a comment", "class A {\n  void f() {",
            "int x = 1;\nif (x > 0) {"})
    void unfinishedCodeIsIncomplete(String code) {
        assertEquals(Completeness.Status.INCOMPLETE, rule.judge(code).status(), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int x = ;", "}", "x +* y;", "int 3x = 4;", "String s = \"unclosed", "int ok = 1;\nint x = ;",
            "class A { void f() { int = } }"})
    void codeThatCannotParseIsInvalid(String code) {
        assertEquals(Completeness.Status.INVALID, rule.judge(code).status(), code);
    }

    @Test
    void theNextLineIsIndentedOneLevelAfterAnOpeningBrace() {
        assertEquals("    ", rule.judge("for (int i = 0; i < 3; i++) {").indent());
        assertEquals("        ", rule.judge("class A {\n    void f() {").indent());
    }

    @Test
    void theNextLineKeepsTheIndentInsideAnUnfinishedExpression() {
        assertEquals("  ", rule.judge("int total = 1 +\n  2 +").indent());
    }
}
