package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerFormatsTest {
    private static final WeightFormat INT8 = WeightFormat.parse("int8");

    @Test
    void rulesMatchWholeLayerNamesFirstMatchWinning() {
        LayerFormats formats = LayerFormats.parse("conv.*=int8, fc1=int4:group32,fc2=fp16,fc.*=pow2");
        assertEquals(4, formats.rules().size());
        assertEquals(WeightFormat.parse("int8"), formats.formatOf("conv2", WeightFormat.parse("bf16")));
        assertEquals(WeightFormat.parse("int4:group32"), formats.formatOf("fc1", INT8));
        assertEquals(WeightFormat.parse("fp16"), formats.formatOf("fc2", INT8));
        assertEquals(WeightFormat.parse("pow2"), formats.formatOf("fc3", INT8));
        assertEquals(INT8, formats.formatOf("xfc1", INT8), "whole names only");
        assertEquals("fc1=int4:group32", formats.rules().get(1).text());
    }

    @Test
    void commasInsideBracketsBelongToThePattern() {
        LayerFormats formats = LayerFormats.parse("fc{1,2}=int4,(a|b)[0,9]=fp16");
        assertEquals(2, formats.rules().size());
        assertEquals(WeightFormat.parse("int4"), formats.formatOf("fcc", INT8));
        assertEquals(WeightFormat.parse("fp16"), formats.formatOf("b9", INT8));
    }

    @Test
    void eachBadPartGetsItsOwnError() {
        assertEquals("layer formats are PATTERN=FORMAT rules separated by commas, got nothing", error(" "));
        assertEquals("layer format 'fc1' is not PATTERN=FORMAT", error("conv=int8,fc1"));
        assertEquals("layer format '' is not PATTERN=FORMAT", error("conv=int8,"));
        assertEquals("layer format '=int8' has no layer pattern before '='", error("=int8"));
        assertEquals("layer pattern 'fc[' in 'fc[=int8' is not a regular expression: Unclosed character class", error("fc[=int8"));
        assertEquals("layer format 'fc1=int99': integer formats have 2 to 16 bits, got 99", error("fc1=int99"));
        assertEquals("layer format 'fc1=foo': unknown format 'foo'; formats are " + FormatText.FORMS, error("fc1=foo"));
    }

    @Test
    void aRuleThatMatchesNoLayerNamesThePatternAndTheLayers() {
        LayerFormats formats = LayerFormats.parse("fc1=int4,conv.*=int8");
        formats.requireEachMatches(List.of("fc1", "conv1"));
        assertEquals("layer format 'conv.*=int8' matches no selected layer; selected layers are fc1, fc2",
                assertThrows(Slim4jException.class, () -> formats.requireEachMatches(List.of("fc1", "fc2"))).getMessage());
    }

    private static String error(String text) {
        return assertThrows(Slim4jException.class, () -> LayerFormats.parse(text)).getMessage();
    }
}
