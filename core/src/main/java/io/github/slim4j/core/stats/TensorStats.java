package io.github.slim4j.core.stats;

import io.github.slim4j.core.tensor.FloatReader;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Summary statistics of a tensor's values.
 *
 * <p>{@code count} and {@code nonZeros} cover every element (NaN counts as non-zero); min, max,
 * mean and std cover only the finite ones, so one stray NaN or infinity does not hide the
 * distribution of the rest. std is the population standard deviation, NumPy's default
 * ({@code ddof=0}). With no finite values (an empty tensor, or all NaN) min, max, mean and std are
 * NaN. Values are read as float (see {@link FloatReader}); sums are kept in double.
 *
 * @param count all elements
 * @param nonZeros elements that are not exactly zero ({@code -0.0} is zero)
 * @param nonFinite NaN and infinite elements
 * @param min smallest finite value
 * @param max largest finite value
 * @param mean mean of the finite values
 * @param std population standard deviation of the finite values
 */
public record TensorStats(long count, long nonZeros, long nonFinite, double min, double max, double mean, double std) {

    /** Statistics of every value, in one pass over the tensor's buffer. */
    public static TensorStats of(INDArray values) {
        StatsAccumulator accumulator = new StatsAccumulator();
        FloatReader.forEachChunk(values, accumulator);
        return accumulator.result();
    }

    /**
     * Statistics of each tensor, in the list's order, the tensors spread over the machine's cores:
     * each is measured alone in one pass, so the results are those of {@link #of}, bit for bit.
     */
    public static List<TensorStats> ofEach(List<INDArray> tensors) {
        return tensors.parallelStream().map(TensorStats::of).toList();
    }

    /**
     * Statistics of the parts taken together, exactly as if computed over their concatenation up
     * to rounding: counts add up and the moments merge by Chan et al.'s parallel formula.
     */
    public static TensorStats combine(List<TensorStats> parts) {
        StatsAccumulator accumulator = new StatsAccumulator();
        parts.forEach(accumulator::add);
        return accumulator.result();
    }

    /** Elements that are exactly zero. */
    public long zeros() {
        return count - nonZeros;
    }

    /** Elements that min, max, mean and std describe. */
    public long finiteCount() {
        return count - nonFinite;
    }

    /** Fraction of elements that are exactly zero, from 0 to 1; 0 for an empty tensor. */
    public double sparsity() {
        return count == 0 ? 0 : (double) zeros() / count;
    }
}
