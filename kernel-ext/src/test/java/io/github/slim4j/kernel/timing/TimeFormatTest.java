package io.github.slim4j.kernel.timing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings worked by hand from IPython's _format_time and Python's %g. */
class TimeFormatTest {

    @Test
    void underAMicrosecondToAMinuteTheUnitKeepsTheNumberAtLeastOne() {
        assertEquals("1.23 \u03bcs", TimeFormat.of(0.000001234));
        assertEquals("500 ms", TimeFormat.of(0.5));
        assertEquals("1.5 s", TimeFormat.of(1.5));
        assertEquals("59.9 s", TimeFormat.of(59.9));
        assertEquals("2 ns", TimeFormat.of(2e-9));
        assertEquals("12.3 ms", TimeFormat.of(0.0123456));
    }

    @Test
    void belowANanosecondStaysInNanoseconds() {
        assertEquals("0.123 ns", TimeFormat.of(1.2345e-10));
        assertEquals("0 ns", TimeFormat.of(0));
    }

    @Test
    void roundingUpToAThousandIsWrittenAsPythonsPercentGWritesIt() {
        // 0.9996 s is 999.6 ms, which three digits round to 1e+03.
        assertEquals("1e+03 ms", TimeFormat.of(0.9996));
    }

    @Test
    void precisionIsSignificantDigits() {
        assertEquals("12.35 ms", TimeFormat.of(0.0123456, 4));
        assertEquals("1 s", TimeFormat.of(1.04, 1));
    }

    @Test
    void fromAMinuteOnWholeUnitsAreWritten() {
        assertEquals("2min 5s", TimeFormat.of(125.0));
        assertEquals("1h 1min 1s", TimeFormat.of(3661.5));
        assertEquals("1d 1h", TimeFormat.of(90000.25));
    }

    @Test
    void percentGSwitchesToAnExponentOutsideItsRange() {
        assertEquals("1.23e-05", TimeFormat.percentG(0.00001234, 3));
        assertEquals("0.0001", TimeFormat.percentG(0.0001, 3));
        assertEquals("1.2e+04", TimeFormat.percentG(12000, 3));
    }
}
