package io.github.slim4j.core.stats;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Textbook two-pass statistics in double precision over the values as float, to check against. */
record Reference(long count, long nonZeros, long nonFinite, double min, double max, double mean, double std) {

    static Reference of(INDArray tensor) {
        float[] values = new float[(int) tensor.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) tensor.getDouble(i);
        }
        return of(values);
    }

    static Reference of(float[] values) {
        long nonZeros = 0;
        long nonFinite = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        for (float v : values) {
            if (v != 0) {
                nonZeros++;
            }
            if (!Float.isFinite(v)) {
                nonFinite++;
                continue;
            }
            min = Double.isNaN(min) ? v : Math.min(min, v);
            max = Double.isNaN(max) ? v : Math.max(max, v);
            sum += v;
        }
        long finite = values.length - nonFinite;
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double squares = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = finite == 0 ? Double.NaN : Math.sqrt(squares / finite);
        return new Reference(values.length, nonZeros, nonFinite, min, max, mean, std);
    }
}
