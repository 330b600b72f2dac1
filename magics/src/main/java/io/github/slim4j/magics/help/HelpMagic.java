package io.github.slim4j.magics.help;

import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Suggestions;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.function.Supplier;

/** {@code %help [NAME]}: the list of magics, or one magic's synopsis, description and arguments. */
public final class HelpMagic implements Magic {

    private static final Positional<String> NAME = Positional.optional("NAME",
            new Text("NAME", "a magic's name, with or without %"), "the magic to explain");

    private static final Syntax SYNTAX = Syntax.builder("help", "Explain a magic, or list them all")
            .description("""
                    Without a name, lists every magic. With one, shows how to call it, what it \
                    does, and a table of its arguments with their allowed values and defaults.""")
            .positional(NAME)
            .example("%help")
            .example("%help model")
            .build();

    private static final String INTRO = """
            slim4j magics work on notebook variables: DL4J `MultiLayerNetwork` and \
            `ComputationGraph`, named tensors (`Map<String, INDArray>`) and single `INDArray`s. \
            `%help NAME` explains one.""";

    private final Supplier<List<Syntax>> catalog;

    public HelpMagic(Supplier<List<Syntax>> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        List<Syntax> syntaxes = catalog.get();
        return arguments.optional(NAME)
                .map(name -> explain(find(name.startsWith("%") ? name.substring(1) : name, syntaxes), context))
                .orElseGet(() -> list(syntaxes, context));
    }

    private static Table list(List<Syntax> syntaxes, MagicContext context) {
        context.out().note(INTRO);
        Table magics = MagicList.of(syntaxes);
        context.out().table(magics);
        return magics;
    }

    private static Table explain(Syntax syntax, MagicContext context) {
        context.out().note(HelpText.page(syntax));
        Table arguments = HelpText.arguments(syntax);
        context.out().table(arguments);
        return arguments;
    }

    private static Syntax find(String name, List<Syntax> syntaxes) {
        return syntaxes.stream()
                .filter(syntax -> syntax.name().equals(name))
                .findFirst()
                .orElseThrow(() -> {
                    List<String> names = syntaxes.stream().map(Syntax::name).toList();
                    String hint = Suggestions.closest(name, names).map(near -> "did you mean " + near + "? ").orElse("");
                    return new MagicException("%help: NAME '" + name + "' is not a magic; " + hint + "%lsmagic lists the magics");
                });
    }
}
