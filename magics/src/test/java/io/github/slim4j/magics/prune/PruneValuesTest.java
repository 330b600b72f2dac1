package io.github.slim4j.magics.prune;

import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.grammar.ParseContext;
import io.github.slim4j.magics.grammar.ValueType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PruneValuesTest {

    private final ParseContext context = new ParseContext(new InMemoryNotebook());

    @Test
    void amountsAreFractionsPercentagesOrCounts() throws ValueType.BadValue {
        assertEquals(new Amount.Fraction(0.9), PruneValues.AMOUNT.parse("0.9", context));
        assertEquals(new Amount.Fraction(0.9), PruneValues.AMOUNT.parse("90%", context));
        assertEquals(new Amount.Count(1000), PruneValues.AMOUNT.parse("1000", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.AMOUNT.parse("1.5", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.AMOUNT.parse("-1", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.AMOUNT.parse("lots", context));
    }

    @Test
    void levelsCountInDecimalAndReachTo() throws ValueType.BadValue {
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), PruneValues.LEVELS.parse("0:0.9:0.1", context));
        assertEquals(List.of(0.5, 0.75, 1.0), PruneValues.LEVELS.parse("0.5:1:0.25", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.LEVELS.parse("0.9:0:0.1", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.LEVELS.parse("0:1.5:0.5", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.LEVELS.parse("0:1:0", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.LEVELS.parse("0:1", context));
    }

    @Test
    void nmPatternsAndTheirHelpText() throws ValueType.BadValue {
        assertEquals(new Criterion.NofM(2, 4), PruneValues.N_OF_M.parse("2:4", context));
        assertEquals("2:4", PruneValues.N_OF_M.show(new Criterion.NofM(2, 4)));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.N_OF_M.parse("4:4", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.N_OF_M.parse("two:four", context));
    }

    @Test
    void sharesAndPatterns() throws ValueType.BadValue {
        assertEquals(0.01, PruneValues.SHARE.parse("1%", context), 1e-15);
        assertEquals(0.01, PruneValues.SHARE.parse("0.01", context), 1e-15);
        assertThrows(ValueType.BadValue.class, () -> PruneValues.SHARE.parse("1.01", context));
        assertThrows(ValueType.BadValue.class, () -> PruneValues.LAYER_PATTERN.parse("conv(", context));
        assertEquals("conv.*", PruneValues.LAYER_PATTERN.parse("conv.*", context).pattern());
    }
}
