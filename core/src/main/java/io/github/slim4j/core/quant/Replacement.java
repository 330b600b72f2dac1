package io.github.slim4j.core.quant;

import io.github.slim4j.core.model.ParamTensor;

/**
 * What writing a quantized tensor over its values did, measured while writing: how far the new
 * values are from the old, and how many of each are non-zero (what a sparse layout stores).
 *
 * @param signal          Σx² of the old values, in double
 * @param noise           Σ(x − deq(q(x)))², in double
 * @param nonZerosBefore  old values that were not zero
 * @param nonZerosAfter   new values that are not zero, the codes that do not stand for zero
 */
record Replacement(double signal, double noise, long nonZerosBefore, long nonZerosAfter) {

    /** Writes the tensor's dequantized values into {@code target}, its live values. */
    static Replacement write(QuantizedTensor quantized, ParamTensor target) {
        double[] sums = new double[2];
        long[] zeros = new long[2];
        CodeStream.decodeInto(quantized, target.values(), (old, decoded, length) -> {
            double signal = 0;
            double noise = 0;
            int zerosBefore = 0;
            int zerosAfter = 0;
            for (int i = 0; i < length; i++) {
                double error = old[i] - decoded[i];
                signal += (double) old[i] * old[i];
                noise += error * error;
                zerosBefore += old[i] == 0f ? 1 : 0;
                zerosAfter += decoded[i] == 0f ? 1 : 0;
            }
            sums[0] += signal;
            sums[1] += noise;
            zeros[0] += zerosBefore;
            zeros[1] += zerosAfter;
        });
        long count = target.length();
        return new Replacement(sums[0], sums[1], count - zeros[0], count - zeros[1]);
    }

    /** {@code 10 log10(signal / noise)}: infinite when the tensor is represented exactly. */
    double sqnrDb() {
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
