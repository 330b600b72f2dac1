package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Formats by layer, as {@code conv.*=int8,fc1=int4:group32,fc2=fp16}: each rule's pattern matches
 * whole layer names, the first matching rule wins, and layers no rule matches get the default.
 */
public record LayerFormats(List<Rule> rules) {

    /** Layers whose whole name matches {@code layers} get {@code format}. */
    public record Rule(Pattern layers, WeightFormat format) {

        /** The rule as {@link #parse} reads it. */
        public String text() {
            return layers.pattern() + "=" + format.name();
        }

        boolean matches(String layer) {
            return layers.matcher(layer).matches();
        }
    }

    public LayerFormats {
        rules = List.copyOf(rules);
    }

    /** No rules: every layer gets the default. */
    public static LayerFormats none() {
        return new LayerFormats(List.of());
    }

    /**
     * Reads {@code PATTERN=FORMAT,PATTERN=FORMAT...}. Rules split at commas outside brackets, braces
     * and parentheses (so {@code fc{1,2}=int4} is one rule), and each rule at its last {@code =}.
     *
     * @throws Slim4jException naming the part that is not a rule, a pattern or a format
     */
    public static LayerFormats parse(String text) {
        if (text.isBlank()) {
            throw new Slim4jException("layer formats are PATTERN=FORMAT rules separated by commas, got nothing");
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : topLevelParts(text)) {
            rules.add(rule(part.strip()));
        }
        return new LayerFormats(rules);
    }

    /** The format of a layer: the first matching rule's, else the default. */
    public WeightFormat formatOf(String layer, WeightFormat defaultFormat) {
        return rules.stream().filter(rule -> rule.matches(layer)).map(Rule::format).findFirst().orElse(defaultFormat);
    }

    /**
     * @throws Slim4jException for the first rule that matches none of the layers, naming its
     *     pattern and the layers
     */
    public void requireEachMatches(List<String> layers) {
        for (Rule rule : rules) {
            if (layers.stream().noneMatch(rule::matches)) {
                throw new Slim4jException("layer format '" + rule.text() + "' matches no selected layer; selected layers are "
                        + String.join(", ", layers));
            }
        }
    }

    private static Rule rule(String part) {
        int equals = part.lastIndexOf('=');
        if (equals < 0) {
            throw new Slim4jException("layer format '" + part + "' is not PATTERN=FORMAT");
        }
        String pattern = part.substring(0, equals).strip();
        if (pattern.isEmpty()) {
            throw new Slim4jException("layer format '" + part + "' has no layer pattern before '='");
        }
        Pattern layers;
        try {
            layers = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new Slim4jException("layer pattern '" + pattern + "' in '" + part + "' is not a regular expression: " + e.getDescription());
        }
        try {
            return new Rule(layers, WeightFormat.parse(part.substring(equals + 1)));
        } catch (Slim4jException e) {
            throw new Slim4jException("layer format '" + part + "': " + e.getMessage());
        }
    }

    private static List<String> topLevelParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
