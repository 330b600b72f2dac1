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

    /**
     * Writes the tensor's dequantized values into {@code target}, its live values. Each chunk's
     * sums are kept in its own slot and added in C order afterwards, so the parts running at once
     * give the sums one pass in order gives, bit for bit.
     */
    static Replacement write(QuantizedTensor quantized, ParamTensor target) {
        long count = target.length();
        int chunks = Math.toIntExact((count + COrder.CHUNK - 1) / COrder.CHUNK);
        double[] signals = new double[chunks];
        double[] noises = new double[chunks];
        int[] zerosBefore = new int[chunks];
        int[] zerosAfter = new int[chunks];
        CodeStream.decodeInto(quantized, target.values(), (position, old, decoded, length) -> {
            double signal = 0;
            double noise = 0;
            int before = 0;
            int after = 0;
            for (int i = 0; i < length; i++) {
                double error = old[i] - decoded[i];
                signal += (double) old[i] * old[i];
                noise += error * error;
                before += old[i] == 0f ? 1 : 0;
                after += decoded[i] == 0f ? 1 : 0;
            }
            int slot = (int) (position / COrder.CHUNK);
            signals[slot] = signal;
            noises[slot] = noise;
            zerosBefore[slot] = before;
            zerosAfter[slot] = after;
        });
        double signal = 0;
        double noise = 0;
        long before = 0;
        long after = 0;
        for (int slot = 0; slot < chunks; slot++) {
            signal += signals[slot];
            noise += noises[slot];
            before += zerosBefore[slot];
            after += zerosAfter[slot];
        }
        return new Replacement(signal, noise, count - before, count - after);
    }

    /** {@code 10 log10(signal / noise)}: infinite when the tensor is represented exactly. */
    double sqnrDb() {
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
