package io.github.slim4j.kernel.notebook;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamProperties {

    /**
     * Appending only reworks the last line, for speed; it must give what nbconvert gives by
     * treating the whole merged text at once.
     */
    @Property
    void appendingChunksShowsWhatTheWholeTextShows(
            @ForAll @Size(max = 8) List<@StringLength(max = 8) @Chars({'\n', '\r'}) @CharRange(from = 'a', to = 'b') String> chunks) {
        Output.Stream appended = Output.Stream.asShown("stdout", "");
        for (String chunk : chunks) {
            appended = appended.append(new Output.Stream("stdout", chunk));
        }

        assertEquals(Output.Stream.asShown("stdout", String.join("", chunks)), appended);
    }
}
