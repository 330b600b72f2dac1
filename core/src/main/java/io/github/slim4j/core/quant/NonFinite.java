package io.github.slim4j.core.quant;

import io.github.slim4j.core.tensor.FloatReader;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The NaN and infinite values of a tensor, which no format quantizes: counted to say how many. */
record NonFinite(long nan, long infinite) {

    static NonFinite count(INDArray values) {
        long[] counts = new long[2];
        FloatReader.forEachChunk(values, (chunk, length) -> {
            for (int i = 0; i < length; i++) {
                if (!Float.isFinite(chunk[i])) {
                    counts[Float.isNaN(chunk[i]) ? 0 : 1]++;
                }
            }
        });
        return new NonFinite(counts[0], counts[1]);
    }

    boolean any() {
        return nan + infinite > 0;
    }

    /** "3 NaN and 1 infinite values", "1 NaN value". */
    String describe() {
        String counts = nan == 0 ? infinite + " infinite" : infinite == 0 ? nan + " NaN" : nan + " NaN and " + infinite + " infinite";
        return counts + (nan + infinite == 1 ? " value" : " values");
    }
}
