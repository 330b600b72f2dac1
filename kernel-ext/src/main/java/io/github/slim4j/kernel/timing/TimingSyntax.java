package io.github.slim4j.kernel.timing;

import io.github.slim4j.magics.grammar.ArgumentParser;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Parameter;
import io.github.slim4j.magics.grammar.ParseContext;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grammar of {@code %time} and {@code %timeit}, and the split of their lines into IPython's
 * short options and the Java code after them, which is passed on as typed: a shell-style
 * tokenizer would eat the quotes of its string literals.
 */
public final class TimingSyntax {

    private static final Text CODE = new Text("STATEMENT", "Java code: an expression, a declaration, statements, or a magic line");

    static final Positional<String> STATEMENT = Positional.one("STATEMENT", CODE, "the code to time, as typed");
    static final Positional<String> SETUP = Positional.optional("SETUP", CODE, "in %%timeit, code run before each run, untimed");
    static final Option<Long> LOOPS = Option.of("-n", new IntegerRange(1, Long.MAX_VALUE, "N"),
            "loops per run; when absent the first of 1, 2, 5, 10, 20, 50, ... loops that takes at least 0.2 s");
    static final Option<Long> REPEAT = Option.withDefault("-r", new IntegerRange(1, 1_000_000, "R"), 7L, "runs, each of N loops");
    static final Option<Long> PRECISION = Option.withDefault("-p", new IntegerRange(1, 17, "P"), 3L, "significant digits of the times shown");
    static final Flag RETURN = Flag.of("-o", "return the TimeitResult: shown as the cell's value, or kept with var r = %timeit -o ...");
    static final Flag QUIET = Flag.of("-q", "print nothing");

    public static final Syntax TIME = Syntax.builder("time", "Time Java code once: CPU and wall time, as IPython's %time")
            .description("Runs the code once, as if typed in the cell (a declaration stays defined; an expression's value is"
                    + " the cell's value), then prints `CPU times: user U, sys: S, total: T` of the thread that ran it,"
                    + " `Process CPU time` of all the kernel's threads (ND4J's native ones too), and `Wall time`."
                    + " Only running is timed: compiling, when it takes over 0.1 s, is shown apart as `Compiler :`."
                    + " `%%time` as a cell's first line times the rest of the cell.")
            .positional(STATEMENT)
            .example("%time var trained = train(net, data);")
            .example("%time %quantize net --bits 4")
            .build();

    public static final Syntax TIMEIT = Syntax.builder("timeit", "Time Java code over many loops: mean ± std. dev., as IPython's %timeit")
            .description("Compiles the code once into a loop, then runs R runs of N loops and prints the mean ± standard"
                    + " deviation per loop over the runs, as IPython does (`-o` returns a TimeitResult with best, worst and"
                    + " every run). Options come before the code. `%%timeit [options] [SETUP]` as a cell's first line times"
                    + " the rest of the cell, running SETUP untimed before each run. An interrupt stops the runs and shows"
                    + " those finished.")
            .positional(STATEMENT)
            .option(LOOPS)
            .option(REPEAT)
            .option(PRECISION)
            .flag(RETURN)
            .flag(QUIET)
            .example("%timeit net.output(x)")
            .example("%timeit -n 10 -r 3 %quantize net --bits 4 --as q")
            .example("var r = %timeit -o Nd4j.rand(256, 256).mmul(w)")
            .build();

    /** {@code %%timeit}'s first line: the options and an optional setup. */
    private static final Syntax TIMEIT_CELL = Syntax.builder("timeit", TIMEIT.summary())
            .positional(SETUP).option(LOOPS).option(REPEAT).option(PRECISION).flag(RETURN).flag(QUIET)
            .build();

    private TimingSyntax() {
    }

    /** A {@code %timeit} or {@code %%timeit} request. */
    public record TimeitRequest(long loops, int repeat, int precision, boolean returnResult, boolean quiet, String setup, String statement) {
    }

    /** The code of {@code %time CODE}. */
    public static String timeStatement(String line) {
        Arguments arguments = parse(TIME, List.of(), line);
        return arguments.get(STATEMENT);
    }

    public static TimeitRequest timeitLine(String line) {
        Leading leading = Leading.split(line, TIMEIT);
        Arguments arguments = parse(TIMEIT, leading.words(), leading.code());
        return request(arguments, "", arguments.get(STATEMENT));
    }

    public static TimeitRequest timeitCell(String firstLine, String body) {
        Leading leading = Leading.split(firstLine, TIMEIT_CELL);
        Arguments arguments = parse(TIMEIT_CELL, leading.words(), leading.code());
        return request(arguments, arguments.optional(SETUP).orElse(""), body);
    }

    private static TimeitRequest request(Arguments arguments, String setup, String statement) {
        return new TimeitRequest(arguments.optional(LOOPS).orElse(0L), Math.toIntExact(arguments.get(REPEAT)),
                Math.toIntExact(arguments.get(PRECISION)), arguments.isSet(RETURN), arguments.isSet(QUIET), setup, statement);
    }

    private static Arguments parse(Syntax syntax, List<String> optionWords, String code) {
        List<String> words = new ArrayList<>(optionWords);
        if (!code.isBlank()) {
            words.add("--");
            words.add(code.strip());
        }
        return new ArgumentParser(syntax).parse(words, new ParseContext(null));
    }

    /** The option words at the start of a line, and the code after them as typed. */
    private record Leading(List<String> words, String code) {

        static Leading split(String line, Syntax syntax) {
            List<String> words = new ArrayList<>();
            int at = 0;
            while (true) {
                int start = skipBlanks(line, at);
                int end = wordEnd(line, start);
                String word = line.substring(start, end);
                if (word.equals("--")) {
                    return new Leading(words, line.substring(end));
                }
                if (!(word.length() >= 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1)))) {
                    return new Leading(words, line.substring(start));
                }
                String label = word.substring(0, 2);
                Optional<Parameter> parameter = syntax.named(label);
                if (parameter.isPresent() && parameter.get() instanceof Option<?>) {
                    // IPython's getopt takes the value attached (-n100) or as the next word (-n 100).
                    words.add(label);
                    if (word.length() > 2) {
                        words.add(word.substring(2));
                    } else {
                        int valueStart = skipBlanks(line, end);
                        end = wordEnd(line, valueStart);
                        if (end > valueStart) {
                            words.add(line.substring(valueStart, end));
                        }
                    }
                } else {
                    words.add(word);
                }
                at = end;
            }
        }

        private static int skipBlanks(String line, int from) {
            int at = from;
            while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            return at;
        }

        private static int wordEnd(String line, int from) {
            int at = from;
            while (at < line.length() && !Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            return at;
        }
    }
}
