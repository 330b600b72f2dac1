package io.github.slim4j.magics;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.memory.MemoryRoom;
import io.github.slim4j.magics.benchmark.BenchmarkMagic;
import io.github.slim4j.magics.bitwidth.BitwidthMagic;
import io.github.slim4j.magics.calibrate.CalibrateMagic;
import io.github.slim4j.magics.compare.CompareMagic;
import io.github.slim4j.magics.error.ErrorMagic;
import io.github.slim4j.magics.evaluate.EvaluateMagic;
import io.github.slim4j.magics.export.ExportMagic;
import io.github.slim4j.magics.grammar.ArgumentParser;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.ParseContext;
import io.github.slim4j.magics.grammar.Suggestions;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.help.HelpMagic;
import io.github.slim4j.magics.help.LsmagicMagic;
import io.github.slim4j.magics.load.LoadMagic;
import io.github.slim4j.magics.model.ModelMagic;
import io.github.slim4j.magics.parity.ParityMagic;
import io.github.slim4j.magics.prune.PruneMagic;
import io.github.slim4j.magics.quantize.QuantizeMagic;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.save.SaveMagic;
import io.github.slim4j.magics.sensitivity.SensitivityMagic;
import io.github.slim4j.magics.sparsity.SparsityMagic;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.train.TrainMagic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * The magics a kernel offers, by name, and the one way to run them: look the magic up, parse the
 * words against its syntax, run it, and turn engine errors into one-line magic errors.
 */
public final class MagicCatalog {

    private final Map<String, Magic> magics;

    private MagicCatalog(Collection<Magic> magics) {
        Map<String, Magic> byName = new LinkedHashMap<>();
        for (Magic magic : magics) {
            byName.put(magic.syntax().name(), magic);
        }
        this.magics = Collections.unmodifiableMap(byName);
    }

    /** Every slim4j magic, plus {@code %help} and {@code %lsmagic} describing them. */
    public static MagicCatalog standard() {
        return new MagicCatalog(List.of()).with(
                new LoadMagic(),
                new ModelMagic(),
                new EvaluateMagic(),
                new CompareMagic(),
                new TrainMagic(),
                new PruneMagic(),
                new SparsityMagic(),
                new SensitivityMagic(),
                new QuantizeMagic(),
                new BitwidthMagic(),
                new ErrorMagic(),
                new CalibrateMagic(),
                new ExportMagic(),
                new SaveMagic(),
                new ParityMagic(),
                new BenchmarkMagic());
    }

    /** This catalog with more magics, such as a kernel's own {@code %jars}; same names replace. */
    public MagicCatalog with(Magic... more) {
        List<Magic> all = new ArrayList<>(magics.values().stream().filter(magic -> !isHelp(magic)).toList());
        all.addAll(Arrays.asList(more));
        HelpMagic help = new HelpMagic(() -> syntaxes(all));
        all.add(help);
        all.add(new LsmagicMagic(() -> syntaxes(all)));
        return new MagicCatalog(all);
    }

    private static boolean isHelp(Magic magic) {
        return magic instanceof HelpMagic || magic instanceof LsmagicMagic;
    }

    private static List<Syntax> syntaxes(List<Magic> magics) {
        return magics.stream().map(Magic::syntax).toList();
    }

    public Set<String> names() {
        return magics.keySet();
    }

    public Optional<Syntax> syntax(String name) {
        return Optional.ofNullable(magics.get(name)).map(Magic::syntax);
    }

    /**
     * Runs {@code %name words...} against the notebook.
     *
     * @return the table the magic displayed
     * @throws MagicException with a one-line message for anything the user can fix; the
     *                        notebook's variables are then unchanged
     */
    public Table run(String name, List<String> words, Notebook notebook) {
        Magic magic = magics.get(name);
        if (magic == null) {
            throw unknownMagic(name);
        }
        Arguments arguments = new ArgumentParser(magic.syntax()).parse(words, new ParseContext(notebook));
        ChartFormat chartFormat = magic.syntax().named(ChartFormat.OPTION.name()).isPresent()
                ? ChartFormat.parse(arguments.get(ChartFormat.OPTION))
                : ChartFormat.NONE;
        MagicContext context = new MagicContext(notebook, new MagicOutput(notebook, chartFormat));
        try {
            return magic.run(arguments, context);
        } catch (Slim4jException engineError) {
            throw new MagicException("%" + name + ": " + engineError.getMessage(), engineError);
        } catch (OutOfMemoryError outOfMemory) {
            // What the command allocated is unreachable once this returns, so the kernel goes on.
            throw new MagicException("%" + name + ": " + MemoryRoom.describe(outOfMemory), outOfMemory);
        }
    }

    private MagicException unknownMagic(String name) {
        String hint = Suggestions.closest(name, magics.keySet()).map(near -> "did you mean %" + near + "? ").orElse("");
        return new MagicException("unknown magic %" + name + "; " + hint + "%lsmagic lists the magics");
    }
}
