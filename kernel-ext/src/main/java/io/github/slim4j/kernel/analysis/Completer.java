package io.github.slim4j.kernel.analysis;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import jdk.jshell.SourceCodeAnalysis;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion: JShell's suggestions for Java, and magic names after a {@code %} that starts a
 * line. Suggestions that fit the expected type come first.
 */
public final class Completer {

    private static final Pattern MAGIC_NAME_PREFIX = Pattern.compile("(?:^|\\n)[ \\t]*%([\\w-]*)$");

    private final SourceCodeAnalysis analysis;
    private final Supplier<Set<String>> magicNames;

    public Completer(SourceCodeAnalysis analysis, Supplier<Set<String>> magicNames) {
        this.analysis = analysis;
        this.magicNames = magicNames;
    }

    public ReplacementOptions complete(String code, int cursor) {
        Matcher magic = MAGIC_NAME_PREFIX.matcher(code.substring(0, cursor));
        if (magic.find()) {
            String prefix = magic.group(1);
            List<String> names = magicNames.get().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
            return new ReplacementOptions(names, magic.start(1), cursor);
        }
        int[] anchor = new int[1];
        List<String> continuations = analysis.completionSuggestions(code, cursor, anchor).stream()
                .sorted(Comparator.comparing((SourceCodeAnalysis.Suggestion suggestion) -> !suggestion.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(continuations, anchor[0], cursor);
    }
}
