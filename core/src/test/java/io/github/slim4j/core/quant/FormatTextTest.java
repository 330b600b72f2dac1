package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FormatTextTest {

    @Test
    void everyFormReadsAsItsFormat() {
        Granularity channel = new Granularity.PerChannel(OptionalInt.empty());
        assertEquals(new IntegerFormat(8, Scheme.SYMMETRIC, true, channel), WeightFormat.parse("int8"));
        assertEquals(new IntegerFormat(4, Scheme.SYMMETRIC, true, new Granularity.PerGroup(32)), WeightFormat.parse("int4:group32"));
        assertEquals(new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor()), WeightFormat.parse("uint8:affine:tensor"));
        assertEquals(new IntegerFormat(6, Scheme.AFFINE, true, new Granularity.PerChannel(OptionalInt.of(1))),
                WeightFormat.parse("int6:channel1:affine"));
        assertEquals(new FixedPointFormat(3, 4), WeightFormat.parse("fixed:Q3.4"));
        assertEquals(new PowerOfTwoFormat(4), WeightFormat.parse("pow2"));
        assertEquals(new PowerOfTwoFormat(6), WeightFormat.parse("pow2:6"));
        assertEquals(new FloatFormat(FloatFormat.Kind.FP8_E4M3), WeightFormat.parse(" FP8-E4M3 "));
        assertEquals(new FloatFormat(FloatFormat.Kind.BF16), WeightFormat.parse("bf16"));
        assertEquals(new MantissaFormat(10, 8), WeightFormat.parse("mantissa:10"));
        assertEquals(new MantissaFormat(3, 4), WeightFormat.parse("mantissa:3:4"));
    }

    @Test
    void namesReadBackAsTheSameFormat() {
        for (String text : List.of("int8", "uint8", "int4:group128", "int2:tensor", "uint16:affine:channel3", "int8:affine",
                "fixed:Q0.7", "pow2:8", "fp16", "bf16", "fp8-e4m3", "fp8-e5m2", "mantissa:1", "mantissa:22:2")) {
            WeightFormat format = WeightFormat.parse(text);
            assertEquals(text, format.name());
            assertEquals(format, WeightFormat.parse(format.name()));
        }
    }

    @Test
    void badTextGetsOneLineNamingIt() {
        String unknown = assertThrows(Slim4jException.class, () -> WeightFormat.parse("int")).getMessage();
        assertEquals("unknown format 'int'; formats are " + FormatText.FORMS, unknown);
        assertFalse(unknown.contains("\n"));
        assertEquals("unknown format 'float8'; formats are " + FormatText.FORMS,
                assertThrows(Slim4jException.class, () -> WeightFormat.parse("float8")).getMessage());
        assertEquals("integer formats have 2 to 16 bits, got 32", assertThrows(Slim4jException.class, () -> WeightFormat.parse("int32")).getMessage());
        assertEquals("format 'int8:foo' has an unknown option 'foo'; options are symmetric, affine, tensor, channel, channel<A>, group<G>, mse, p<P>",
                assertThrows(Slim4jException.class, () -> WeightFormat.parse("int8:foo")).getMessage());
        assertEquals("format 'int8:tensor:group32' gives the granularity twice; give one of symmetric, affine, tensor, channel, channel<A>, "
                + "group<G>, mse, p<P>", assertThrows(Slim4jException.class, () -> WeightFormat.parse("int8:tensor:group32")).getMessage());
        assertEquals("a group holds 1 value or more, got 0", assertThrows(Slim4jException.class, () -> WeightFormat.parse("int4:group0"))
                .getMessage());
        assertEquals("fixed point Q12.4 takes 17 bits (sign, 12 integer and 4 fraction bits); fixed point has 2 to 16 bits",
                assertThrows(Slim4jException.class, () -> WeightFormat.parse("fixed:Q12.4")).getMessage());
    }
}
