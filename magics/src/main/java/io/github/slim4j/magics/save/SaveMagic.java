package io.github.slim4j.magics.save;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.store.FileContents;
import io.github.slim4j.core.store.ModelFile;
import io.github.slim4j.core.summary.ModelSummary;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import java.nio.file.Path;
import java.util.Locale;
import tech.tablesaw.api.Table;

/** {@code %save MODEL FILE}: a model and everything slim4j keeps with it, in one file that {@code %load} reads back bit for bit. */
public final class SaveMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL,
            "the model to save: a DL4J network, a Map<String, INDArray> or an INDArray");
    private static final Positional<String> FILE = Positional.one("FILE", new Text("FILE", "a path for the .safetensors file"),
            "the file to write (replaced as a whole if it exists), relative to the notebook's folder");

    private static final Syntax SYNTAX = Syntax.builder("save", "Save a model with its masks, codes and calibration")
            .description("""
                    Writes MODEL to one safetensors file that `%load` reads back bit for bit: the \
                    weights (of a DL4J network, with DL4J's configuration; of a model imported \
                    from ONNX, with its ONNX source), the pruning masks, for \
                    each quantized tensor its packed codes, scales and zero points instead of its \
                    values, and a calibrated network's statistics and chosen ranges. Tensors are \
                    stored in the layout `%bitwidth` counts (dense, bitmask or CSR), so the file \
                    is the size `%bitwidth` reports, plus a small header. Any safetensors reader, \
                    or numpy alone, reads the tensors; docs/file-format.md describes the file. \
                    The file must lie in the notebook's folder, the one above it, your home or \
                    the temporary folder, or a folder listed in SLIM4J_ALLOWED_PATHS. Shows what \
                    each tensor became.""")
            .positional(MODEL)
            .positional(FILE)
            .example("%save net models/net-int4.safetensors")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Path file = context.allowedFile(FILE.metavar(), arguments.get(FILE));
        FileContents contents = ModelFile.save(model.value().unwrap(), file);
        long reported = ModelSummary.of(model.value()).storageBytes();
        String title = String.format(Locale.ROOT, "%s → %s (%,d bytes: tensors %,d against %,d of storage reported, header %,d)",
                model.name(), arguments.get(FILE), contents.fileBytes(), contents.tensorBytes(), reported, contents.headerBytes());
        Table table = FileContentsTable.of(title, contents);
        context.out().table(table);
        return table;
    }
}
