package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultilineStringProperties {

    /** Text made mostly of line breaks of every kind, where splitting goes wrong if it does. */
    @Property
    void linesJoinBackToTheText(@ForAll @StringLength(max = 40) @Chars({'\n', '\r', '\u000B', '\u0085', '\u2028'})
                                @CharRange(from = 'a', to = 'c') String text) {
        assertEquals(text, MultilineString.read(MultilineString.lines(text)));
    }

    @Property
    void everyLineButTheLastEndsWithItsLineBreak(@ForAll @StringLength(max = 40) @Chars({'\n', '\r'})
                                                 @CharRange(from = 'a', to = 'c') String text) {
        JsonArray lines = MultilineString.lines(text);
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i).getAsString();
            assertTrue(line.endsWith("\n") || line.endsWith("\r"), () -> "line without its break: " + lines);
        }
    }

    @Example
    void cutsWherePythonSplitlinesCuts() {
        JsonElement expected = parse("[\"a\\r\\n\", \"b\\r\", \"\\r\", \"c\\u000b\", \"d\\n\"]");

        assertEquals(expected, MultilineString.lines("a\r\nb\r\rc\u000Bd\n"));
    }

    @Example
    void emptyTextHasNoLines() {
        assertEquals(new JsonArray(), MultilineString.lines(""));
    }
}
