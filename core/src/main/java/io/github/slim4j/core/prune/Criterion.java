package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

import java.util.OptionalInt;

/**
 * Which entries of a tensor a prune removes. Each criterion prunes entries an earlier prune masked
 * before any others, so prunes compose and pruning again to the same amount changes nothing.
 */
public sealed interface Criterion permits Criterion.Magnitude, Criterion.Random, Criterion.Structured, Criterion.NofM {

    /**
     * The entries with the smallest |w|, as {@code l1_unstructured}. Ties go by storage order: of
     * equal |w|, the entry stored first is pruned first.
     */
    record Magnitude() implements Criterion { }

    /**
     * Entries chosen at random from a seeded generator, as {@code random_unstructured}: the same seed
     * prunes the same entries, though not those PyTorch's generator would.
     */
    record Random(long seed) implements Criterion { }

    /**
     * Whole channels along {@code dim}: those with the smallest L{@code norm} norm over every other
     * dimension are pruned, as {@code ln_structured}; of equal norms, the lower channel index is
     * pruned first.
     *
     * @param norm 1 or 2
     * @param dim  the channel axis, counted from the end when negative as in PyTorch; empty means the
     *             tensor's output dimension (axis 0 of a raw {@code [out, in, ...]} tensor, axis 1
     *             of a DL4J dense {@code W [nIn, nOut]}, axis 0 of a DL4J convolution
     *             {@code W [nOut, nIn, kH, kW]}; all layouts in {@code model.WeightAxes})
     */
    record Structured(int norm, OptionalInt dim) implements Criterion {
        public Structured {
            if (norm != 1 && norm != 2) {
                throw new Slim4jException("structured pruning uses the L1 or L2 norm, got L" + norm);
            }
        }
    }

    /**
     * N:M semi-structured sparsity: in every group of {@code m} consecutive weights along the
     * input dimension, keep the {@code n} with the largest |w| (ties: the one stored first is
     * kept). The input dimension is the last axis of a raw tensor ({@code [out, in]}), axis 0 of a
     * DL4J dense {@code W [nIn, nOut]} and axis 1 of a DL4J convolution {@code W [nOut, nIn, kH, kW]}.
     */
    record NofM(int n, int m) implements Criterion {
        public NofM {
            if (n < 1 || m < 2 || n >= m) {
                throw new Slim4jException("N:M sparsity needs 1 <= N < M, got " + n + ":" + m);
            }
        }

        /** Reads {@code 2:4}. */
        public static NofM parse(String text) {
            String[] parts = text.strip().split(":");
            try {
                if (parts.length == 2) {
                    return new NofM(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException notNumbers) {
                // falls through to the message below
            }
            throw new Slim4jException("'" + text + "' is not an N:M pattern; expected two whole numbers such as 2:4");
        }
    }
}
