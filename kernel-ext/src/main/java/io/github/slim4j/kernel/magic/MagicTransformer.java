package io.github.slim4j.kernel.magic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * Rewrites the line magics of a cell into Java calls, before JShell sees the cell.
 *
 * <p>A line magic is {@code %name words...} up to the end of the line, written either
 * <ul>
 *   <li>at the start of a line (after optional blanks) where a statement may start, that is after
 *       a {@code ;}, <code>{</code>, <code>}</code> or nothing: it becomes a block statement
 *       <code>{ MagicCalls.line(...); }</code>, so its value is dropped (magics display their
 *       own output) and no JShell temporary pins it; or</li>
 *   <li>right after a plain {@code =}, as in {@code var t = %model net}: it becomes the call
 *       itself, typed {@code Table} for the magics that return one, so {@code t} is a
 *       {@code Table}. A {@code ;} ending the line is optional.</li>
 * </ul>
 * A {@code %} inside a string, character, text block or comment, or in the middle of an
 * expression ({@code a % b}, {@code a\n%b}), is left alone. The words are passed on as written,
 * base64-encoded so that no quoting can break the Java around them, and split by the magic's
 * tokenizer at run time. Each magic stays on its own line, so line numbers do not move.
 *
 * <p>A magic whose value is the cell's value ({@code %time}, {@code %timeit}) becomes, at the start
 * of a line, the expression statement {@code MagicCalls.time(...);} instead of a block, so that
 * its value is shown when it ends the cell; the method is named after the magic, so that
 * {@code var r = %timeit -o ...} types {@code r}.
 *
 * <p>A cell whose first line is {@code %%name words} is a cell magic: the whole cell becomes
 * {@code MagicCalls.cell(name, words, rest of the cell)}, the rest passed on as typed.
 */
public final class MagicTransformer {

    private static final String CALLS = "io.github.slim4j.kernel.runtime.MagicCalls";
    private static final String OPERATOR_CHARS = "=!<>+-*/%&|^";

    private final Predicate<String> returnsTable;
    private final Predicate<String> givesCellValue;

    /** @param returnsTable which magic names return a Tablesaw {@code Table} */
    public MagicTransformer(Predicate<String> returnsTable) {
        this(returnsTable, name -> false);
    }

    /**
     * @param returnsTable   which magic names return a Tablesaw {@code Table}
     * @param givesCellValue which magics' values are the cell's value, each with a
     *                       {@code MagicCalls} method of its name
     */
    public MagicTransformer(Predicate<String> returnsTable, Predicate<String> givesCellValue) {
        this.returnsTable = returnsTable;
        this.givesCellValue = givesCellValue;
    }

    public String transform(String cell) {
        String firstLine = cell.lines().findFirst().orElse("");
        if (firstLine.startsWith("%%") && firstLine.length() > 2 && Character.isLetter(firstLine.charAt(2))) {
            return cellMagic(firstLine, cell.substring(Math.min(cell.length(), firstLine.length() + 1)));
        }
        return new Scan(cell).run();
    }

    private static String cellMagic(String firstLine, String body) {
        int nameEnd = 2;
        while (nameEnd < firstLine.length() && isNameChar(firstLine.charAt(nameEnd))) {
            nameEnd++;
        }
        return CALLS + ".cell(\"" + firstLine.substring(2, nameEnd) + "\", \"" + encoded(firstLine.substring(nameEnd).strip())
                + "\", \"" + encoded(body) + "\")";
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || "_-".indexOf(c) >= 0;
    }

    private static String encoded(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private enum Lexical { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHARACTER, TEXT_BLOCK }

    /** One pass over one cell, copying it and replacing each magic line. */
    private final class Scan {
        private final String source;
        private final StringBuilder out = new StringBuilder();
        private Lexical state = Lexical.CODE;
        private int lineStart;
        private char lastCode;
        private int lastCodeIndex = -1;

        Scan(String source) {
            this.source = source;
        }

        String run() {
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (state == Lexical.CODE && c == '%' && startsName(i + 1)) {
                    MagicPlace place = place(i);
                    if (place != MagicPlace.NONE) {
                        i = replaceMagic(i, place);
                        continue;
                    }
                }
                i = copy(i);
            }
            return out.toString();
        }

        private boolean startsName(int index) {
            return index < source.length() && (Character.isLetter(source.charAt(index)) || source.charAt(index) == '_');
        }

        private MagicPlace place(int percent) {
            boolean onlyBlanksBefore = source.substring(lineStart, percent).isBlank();
            if (onlyBlanksBefore && (lastCodeIndex < 0 || ";{}".indexOf(lastCode) >= 0)) {
                return MagicPlace.STATEMENT;
            }
            boolean plainAssignment = lastCode == '=' && lastCodeIndex >= lineStart
                    && (lastCodeIndex == 0 || OPERATOR_CHARS.indexOf(source.charAt(lastCodeIndex - 1)) < 0);
            return plainAssignment ? MagicPlace.VALUE : MagicPlace.NONE;
        }

        private int replaceMagic(int percent, MagicPlace place) {
            int lineEnd = source.indexOf('\n', percent);
            lineEnd = lineEnd < 0 ? source.length() : lineEnd;
            int nameEnd = percent + 1;
            while (nameEnd < lineEnd && isNameChar(source.charAt(nameEnd))) {
                nameEnd++;
            }
            String name = source.substring(percent + 1, nameEnd);
            String words = source.substring(nameEnd, lineEnd).strip();
            if (place == MagicPlace.VALUE && words.endsWith(";")) {
                words = words.substring(0, words.length() - 1).stripTrailing();
            }
            String call = call(name, words);
            out.append(place == MagicPlace.STATEMENT && !givesCellValue.test(name) ? "{ " + call + "; }" : call + ";");
            lastCode = ';';
            lastCodeIndex = percent;
            return lineEnd;
        }

        private String call(String name, String words) {
            if (givesCellValue.test(name)) {
                return CALLS + "." + name + "(\"" + encoded(words) + "\")";
            }
            String method = returnsTable.test(name) ? "table" : "line";
            return CALLS + "." + method + "(\"" + name + "\", \"" + encoded(words) + "\")";
        }

        /** Copies the character (or escape, or delimiter) at {@code i} and tracks what it opens or closes. */
        private int copy(int i) {
            char c = source.charAt(i);
            int next = i + 1;
            switch (state) {
                case CODE -> {
                    if (source.startsWith("//", i)) {
                        state = Lexical.LINE_COMMENT;
                        next = i + 2;
                    } else if (source.startsWith("/*", i)) {
                        state = Lexical.BLOCK_COMMENT;
                        next = i + 2;
                    } else if (source.startsWith("\"\"\"", i)) {
                        state = Lexical.TEXT_BLOCK;
                        next = i + 3;
                    } else if (c == '"') {
                        state = Lexical.STRING;
                    } else if (c == '\'') {
                        state = Lexical.CHARACTER;
                    }
                    if (!Character.isWhitespace(c) && state != Lexical.LINE_COMMENT && state != Lexical.BLOCK_COMMENT) {
                        lastCode = c;
                        lastCodeIndex = i;
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = Lexical.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (source.startsWith("*/", i)) {
                        state = Lexical.CODE;
                        next = i + 2;
                    }
                }
                case STRING, CHARACTER -> {
                    char quote = state == Lexical.STRING ? '"' : '\'';
                    if (c == '\\') {
                        next = Math.min(i + 2, source.length());
                    } else if (c == quote || c == '\n') {
                        state = Lexical.CODE;
                    }
                }
                case TEXT_BLOCK -> {
                    if (c == '\\') {
                        next = Math.min(i + 2, source.length());
                    } else if (source.startsWith("\"\"\"", i)) {
                        state = Lexical.CODE;
                        next = i + 3;
                    }
                }
            }
            out.append(source, i, next);
            if (source.lastIndexOf('\n', next - 1) >= i) {
                lineStart = source.lastIndexOf('\n', next - 1) + 1;
            }
            return next;
        }
    }

    private enum MagicPlace { STATEMENT, VALUE, NONE }
}
