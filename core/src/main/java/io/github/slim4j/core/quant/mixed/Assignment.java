package io.github.slim4j.core.quant.mixed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A choice of format for each unit of an {@link AllocationSpace}, as an index into its candidates;
 * {@link #FLOAT} leaves a unit as it is. Indices rather than formats, so that two routes to the same
 * choice are the same key for the cache of measured accuracies.
 */
record Assignment(List<Integer> choices) {
    static final int FLOAT = -1;

    Assignment {
        choices = List.copyOf(choices);
    }

    static Assignment of(int... choices) {
        return new Assignment(Arrays.stream(choices).boxed().toList());
    }

    /** Every unit left as it is: the model before quantization. */
    static Assignment unquantized(int units) {
        return new Assignment(Collections.nCopies(units, FLOAT));
    }

    /** Only {@code unit} quantized, to {@code candidate}. */
    static Assignment only(int units, int unit, int candidate) {
        return unquantized(units).with(unit, candidate);
    }

    int units() {
        return choices.size();
    }

    int choice(int unit) {
        return choices.get(unit);
    }

    /** Whether every unit has a format, as the assignments the allocation chooses among do. */
    boolean complete() {
        return !choices.contains(FLOAT);
    }

    /** Whether some unit has a format, so that there is something to quantize. */
    boolean quantizesAny() {
        return choices.stream().anyMatch(choice -> choice != FLOAT);
    }

    Assignment with(int unit, int candidate) {
        List<Integer> changed = new ArrayList<>(choices);
        changed.set(unit, candidate);
        return new Assignment(changed);
    }
}
