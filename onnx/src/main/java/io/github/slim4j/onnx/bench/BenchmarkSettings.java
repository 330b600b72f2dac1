package io.github.slim4j.onnx.bench;

import io.github.slim4j.core.Slim4jException;

/**
 * How each model is run: {@code batch} examples per run, on {@code threads} intra-op threads,
 * {@code warmup} untimed runs, then {@code runs} timed ones.
 */
public record BenchmarkSettings(int batch, int threads, int runs, int warmup) {

    /** @throws Slim4jException naming the setting that is out of range */
    public BenchmarkSettings {
        require("batch", batch, 1);
        require("threads", threads, 1);
        require("runs", runs, 2);
        require("warmup", warmup, 0);
    }

    private static void require(String name, int value, int least) {
        if (value < least) {
            throw new Slim4jException(name + " must be at least " + least + ", got " + value);
        }
    }
}
