package io.github.slim4j.kernel.notebook;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** One output of a code cell, one of the four kinds nbformat 4 knows. */
sealed interface Output {

    /** Text a cell wrote to a stream. */
    record Stream(String name, String text) implements Output {

        static final String STDOUT = "stdout";
        static final String STDERR = "stderr";

        /** A carriage return that does not end its line, and what it lets the rest of the line overwrite. */
        private static final Pattern OVERWRITTEN = Pattern.compile("[^\n]*\r(?=[^\n])");

        /**
         * Stream text as a terminal leaves it: a progress line rewritten after each carriage return
         * keeps only its last version. Jupyter saves and exports streams the same way
         * (nbconvert's {@code coalesce_streams}), so a training loop's progress is one line, not
         * thousands.
         */
        static Stream asShown(String name, String text) {
            return new Stream(name, overwrite(text));
        }

        boolean sameStreamAs(Output other) {
            return other instanceof Stream stream && stream.name.equals(name);
        }

        /** This text followed by more, as shown. Earlier lines are final; only the last can be overwritten. */
        Stream append(Stream more) {
            int lastLine = text.lastIndexOf('\n') + 1;
            return new Stream(name, text.substring(0, lastLine) + overwrite(text.substring(lastLine) + more.text));
        }

        private static String overwrite(String text) {
            return text.indexOf('\r') < 0 ? text : OVERWRITTEN.matcher(text).replaceAll("");
        }
    }

    /** An output with mime-typed content, which a later display update may replace. */
    sealed interface Rich extends Output {

        MimeContent content();

        Rich withContent(MimeContent newContent);
    }

    /** A {@code display_data}. */
    record Display(MimeContent content) implements Rich {

        @Override
        public Display withContent(MimeContent newContent) {
            return new Display(newContent);
        }
    }

    /** An {@code execute_result}: the value of the cell's last expression. */
    record ExecuteResult(OptionalInt executionCount, MimeContent content) implements Rich {

        @Override
        public ExecuteResult withContent(MimeContent newContent) {
            return new ExecuteResult(executionCount, newContent);
        }
    }

    /** An exception that ended the cell. */
    record Error(String ename, String evalue, List<String> traceback) implements Output {

        public Error {
            traceback = List.copyOf(traceback);
        }
    }
}
