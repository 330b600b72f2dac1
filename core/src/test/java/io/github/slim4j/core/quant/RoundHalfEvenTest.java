package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoundHalfEvenTest {

    /** Every tie k + 0.5 within ±2^22, and the integers, round as Math.rint does. */
    @Test
    void everyTieInRangeRoundsAsRint() {
        for (int k = -(1 << 22); k < (1 << 22); k++) {
            float tie = k + 0.5f;
            // + 0f makes −0 (rint of −0.5) and +0 (the shift's) the same integer.
            if ((float) Math.rint(tie) + 0f != RoundHalfEven.of(tie) + 0f || RoundHalfEven.of(k) != k) {
                fail("tie " + tie + " rounds to " + RoundHalfEven.of(tie) + ", " + k + " to " + RoundHalfEven.of(k));
            }
        }
        assertEquals(0x1p22f, RoundHalfEven.of(0x1p22f));
        assertEquals(-0x1p22f, RoundHalfEven.of(-0x1p22f));
    }

    @Property(tries = 2000)
    void anyValueInRangeRoundsAsRint(@ForAll @FloatRange(min = -4194304f, max = 4194304f) float v) {
        assertEquals((float) Math.rint(v) + 0f, RoundHalfEven.of(v) + 0f);
    }

    /** Clamping into integer bounds before rounding gives what rounding before clamping does, the encoding loop's premise. */
    @Property(tries = 2000)
    void clampingFirstIsRoundingFirst(@ForAll @FloatRange(min = -1e9f, max = 1e9f) float v, @ForAll @IntRange(min = -65536, max = 0) int lo,
            @ForAll @IntRange(min = 0, max = 65536) int hi) {
        float roundedFirst = (float) Math.max(lo, Math.min(hi, Math.rint(v)));
        assertEquals(roundedFirst + 0f, RoundHalfEven.of(Math.min(Math.max(v, lo), hi)) + 0f);
    }
}
