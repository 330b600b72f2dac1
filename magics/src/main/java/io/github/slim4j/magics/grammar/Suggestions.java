package io.github.slim4j.magics.grammar;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds what the user probably meant after a typo: the closest known word, if it is close. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code typed} by edit distance, when at most a third of it differs
     * (one edit for a word of three to five characters); empty otherwise, so unrelated names are
     * never suggested, and a one- or two-character word is too short to guess from.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        int tolerance = typed.length() < 3 ? 0 : Math.max(1, typed.length() / 3);
        return candidates.stream()
                .filter(candidate -> !candidate.equals(typed))
                .min(Comparator.comparingInt((String candidate) -> distance(typed, candidate)).thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(typed, candidate) <= tolerance);
    }

    /**
     * Edit distance counting a swap of neighbours as one edit (optimal string alignment), since
     * "txet" for "text" is the commonest typo; case is ignored, so "--Layer" is near "--layer".
     */
    static int distance(String a, String b) {
        String x = a.toLowerCase();
        String y = b.toLowerCase();
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length()][y.length()];
    }
}
