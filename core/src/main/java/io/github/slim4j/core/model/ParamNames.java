package io.github.slim4j.core.model;

import java.util.List;
import java.util.Map;

/** How parameter names map to layers and {@link ParamKind}s, for DL4J keys and for tensor-map keys. */
final class ParamNames {
    /** Where a tensor-map key splits into layer prefix and recognized suffix. */
    record Split(String layer, ParamKind kind) {
    }

    /*
     * DL4J keys come from its parameter initializers: W/b everywhere, RW for recurrent weights,
     * pW for separable convolution's pointwise weights, f- and b-prefixed copies in Bidirectional,
     * and log10stdev when BatchNormalization stores its variance in log form (the default).
     */
    private static final Map<String, ParamKind> DL4J_KEYS = Map.ofEntries(
            Map.entry("W", ParamKind.WEIGHT), Map.entry("RW", ParamKind.WEIGHT), Map.entry("pW", ParamKind.WEIGHT),
            Map.entry("fW", ParamKind.WEIGHT), Map.entry("fRW", ParamKind.WEIGHT),
            Map.entry("bW", ParamKind.WEIGHT), Map.entry("bRW", ParamKind.WEIGHT),
            Map.entry("b", ParamKind.BIAS), Map.entry("fb", ParamKind.BIAS), Map.entry("bb", ParamKind.BIAS),
            Map.entry("gamma", ParamKind.NORMALIZATION), Map.entry("beta", ParamKind.NORMALIZATION),
            Map.entry("mean", ParamKind.NORMALIZATION), Map.entry("var", ParamKind.NORMALIZATION),
            Map.entry("log10stdev", ParamKind.NORMALIZATION));

    /*
     * Suffixes of PyTorch state dicts, Keras and DL4J-style names. Longest first, so that
     * "running_mean" wins over a split at its own underscore.
     */
    private static final List<Map.Entry<String, ParamKind>> TENSOR_SUFFIXES = List.of(
            Map.entry("num_batches_tracked", ParamKind.NORMALIZATION),
            Map.entry("moving_variance", ParamKind.NORMALIZATION),
            Map.entry("running_mean", ParamKind.NORMALIZATION),
            Map.entry("running_var", ParamKind.NORMALIZATION),
            Map.entry("moving_mean", ParamKind.NORMALIZATION),
            Map.entry("weight", ParamKind.WEIGHT),
            Map.entry("kernel", ParamKind.WEIGHT),
            Map.entry("gamma", ParamKind.NORMALIZATION),
            Map.entry("beta", ParamKind.NORMALIZATION),
            Map.entry("bias", ParamKind.BIAS),
            Map.entry("W", ParamKind.WEIGHT),
            Map.entry("b", ParamKind.BIAS));

    private ParamNames() {
    }

    static ParamKind ofDl4jKey(String key) {
        return DL4J_KEYS.getOrDefault(key, ParamKind.OTHER);
    }

    /**
     * Splits "fc1.weight" into layer "fc1" and kind WEIGHT. A key without a recognized suffix after
     * a '.' or '_' is a layer of its own and, being a bare tensor, counts as a weight.
     */
    static Split ofTensorKey(String key) {
        for (Map.Entry<String, ParamKind> suffix : TENSOR_SUFFIXES) {
            int cut = key.length() - suffix.getKey().length() - 1;
            if (cut > 0 && key.endsWith(suffix.getKey()) && isSeparator(key.charAt(cut))) {
                return new Split(key.substring(0, cut), suffix.getValue());
            }
        }
        return new Split(key, ParamKind.WEIGHT);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '_';
    }
}
