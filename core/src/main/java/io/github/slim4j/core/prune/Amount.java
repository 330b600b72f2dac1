package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

/**
 * How much to prune, as {@code torch.nn.utils.prune}'s {@code amount}: a fraction of the entries
 * (or channels), or a whole count of them.
 *
 * <p>slim4j's amount is the total the tensor ends up with, counting what earlier prunes already
 * removed; on a tensor pruned for the first time that is exactly PyTorch's count, and pruning
 * again to the same amount changes nothing. (PyTorch's iterative pruning instead applies a new
 * amount to what is left.)
 */
public sealed interface Amount permits Amount.Fraction, Amount.Count {

    /**
     * The number to prune out of {@code total}, as PyTorch computes it: a fraction rounds
     * {@code value × total}, the double product, half to even (Python's {@code round}); a count is
     * taken as it is.
     *
     * @throws Slim4jException when a count exceeds {@code total}
     */
    long of(long total);

    /**
     * Reads an amount as a user writes it: {@code 0.9}, {@code .5} or {@code 90%} is a fraction;
     * digits alone ({@code 1000}) are a count, as an {@code int} amount is in PyTorch.
     *
     * @throws Slim4jException naming the text and what is allowed
     */
    static Amount parse(String text) {
        return AmountText.parse(text);
    }

    /** A share of the entries, from 0 (none) to 1 (all). */
    record Fraction(double value) implements Amount {
        public Fraction {
            if (!(value >= 0 && value <= 1)) {
                throw new Slim4jException("a sparsity fraction must be from 0 to 1, got " + value);
            }
        }

        @Override
        public long of(long total) {
            return (long) Math.rint(value * total);
        }
    }

    /** A number of entries. */
    record Count(long value) implements Amount {
        public Count {
            if (value < 0) {
                throw new Slim4jException("a count of weights to prune must be 0 or more, got " + value);
            }
        }

        @Override
        public long of(long total) {
            if (value > total) {
                throw new Slim4jException("cannot prune " + value + " of " + total + " entries");
            }
            return value;
        }
    }
}
