package io.github.slim4j.kernel.history;

import java.util.regex.Pattern;

/**
 * A pattern in SQLite's GLOB syntax, which Jupyter's history search uses: {@code *} for any run
 * of characters, {@code ?} for one, {@code [abc]} and {@code [a-z]} for a set, {@code [^...]} for
 * its complement. Case-sensitive, and it must match the whole input.
 */
public final class SqliteGlob {

    // Characters that mean something inside a regex character class and must be escaped there.
    private static final String SET_SPECIALS = "\\[]^&-";

    private final Pattern regex;

    private SqliteGlob(Pattern regex) {
        this.regex = regex;
    }

    public static SqliteGlob compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            int setEnd = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (setEnd > 0) {
                regex.append(characterSet(glob.substring(i + 1, setEnd)));
                i = setEnd;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return new SqliteGlob(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    // The body between the brackets; "]" may come first ("[]x]"), hence the search from i + 2 above.
    private static String characterSet(String body) {
        boolean negated = body.startsWith("^");
        String members = negated ? body.substring(1) : body;
        StringBuilder set = new StringBuilder(negated ? "[^" : "[");
        for (int i = 0; i < members.length(); i++) {
            char c = members.charAt(i);
            boolean range = c == '-' && i > 0 && i < members.length() - 1;
            if (!range && SET_SPECIALS.indexOf(c) >= 0) {
                set.append('\\');
            }
            set.append(c);
        }
        return set.append(']').toString();
    }
}
