package io.github.slim4j.core.data;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A {@link DataSetIterator} that knows how many examples one pass gives, so progress can show a total. */
public interface SizedDataSetIterator extends DataSetIterator {

    /** Examples in one full pass. */
    int totalExamples();

    /** Same as {@link #totalExamples()}, under the name older DL4J iterators used. */
    default int numExamples() {
        return totalExamples();
    }
}
