package io.github.slim4j.kernel.install;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a Java launcher argument file ({@code java @file}): one argument per line, each in
 * double quotes so that spaces and {@code #} stay inside it, with backslashes and quotes escaped
 * as the launcher reads them (see "java Command-Line Argument Files" in the {@code java} manual).
 */
public final class ArgumentFile {
    private ArgumentFile() {
    }

    public static String of(List<String> arguments) {
        return arguments.stream().map(ArgumentFile::quoted).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String quoted(String argument) {
        StringBuilder text = new StringBuilder(argument.length() + 2).append('"');
        for (char c : argument.toCharArray()) {
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\f' -> text.append("\\f");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
