package io.github.slim4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamNamesTest {

    @ParameterizedTest
    @CsvSource({
        "fc1.weight, fc1, WEIGHT",
        "fc1.bias, fc1, BIAS",
        "layer1.0.conv1.weight, layer1.0.conv1, WEIGHT",
        "bn1.running_mean, bn1, NORMALIZATION",
        "bn1.running_var, bn1, NORMALIZATION",
        "bn1.num_batches_tracked, bn1, NORMALIZATION",
        "bn1.gamma, bn1, NORMALIZATION",
        "bn1.beta, bn1, NORMALIZATION",
        "dense_kernel, dense, WEIGHT",
        "conv1_W, conv1, WEIGHT",
        "conv1_b, conv1, BIAS",
        "embedding, embedding, WEIGHT",
        "weight, weight, WEIGHT",
        ".weight, .weight, WEIGHT",
        "fc1.weights, fc1.weights, WEIGHT",
        "fc1-bias, fc1-bias, WEIGHT",
    })
    void tensorKeysSplitIntoLayerAndKind(String key, String layer, ParamKind kind) {
        assertEquals(new ParamNames.Split(layer, kind), ParamNames.ofTensorKey(key));
    }

    @ParameterizedTest
    @CsvSource({
        "W, WEIGHT", "RW, WEIGHT", "pW, WEIGHT", "b, BIAS",
        "gamma, NORMALIZATION", "beta, NORMALIZATION", "mean, NORMALIZATION", "var, NORMALIZATION",
        "log10stdev, NORMALIZATION", "Alpha, OTHER", "weight, OTHER",
    })
    void dl4jKeysHaveKinds(String key, ParamKind kind) {
        assertEquals(kind, ParamNames.ofDl4jKey(key));
    }
}
