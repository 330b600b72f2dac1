package io.github.slim4j.magics.load;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.JavaName;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.slim4j.core.store.FileContents;
import io.github.slim4j.core.store.ModelFile;
import io.github.slim4j.magics.save.FileContentsTable;
import io.github.slim4j.onnx.Onnx;
import java.nio.file.Path;
import java.util.Locale;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %load NAME FILE}: a model from a file, as a notebook variable every magic takes. */
public final class LoadMagic implements Magic {

    private static final Positional<String> NAME = Positional.one("NAME", new JavaName("NAME"),
            "the notebook variable to define (replaced if it exists)");
    private static final Positional<String> FILE = Positional.one("FILE", new Text("FILE", "a path to an .onnx or .safetensors file"),
            "the model file, relative to the notebook's working directory");

    private static final Syntax SYNTAX = Syntax.builder("load", "Load an ONNX model, or a model %save wrote")
            .description("""
                    The file's contents decide what it is. An ONNX file exported from PyTorch \
                    (`torch.onnx.export`) or TensorFlow (tf2onnx), opsets 11 to 17, with its \
                    external data if it has any, becomes NAME as its JVM form: a DL4J \
                    `ComputationGraph` that every magic takes, that trains, and whose layers and \
                    tensors carry the ONNX file's node and initializer names. Its outputs match \
                    ONNX Runtime's. `%export` writes it back as ONNX with whatever was done to it. \
                    Shows the layers it made. A safetensors file that `%save` wrote comes back bit \
                    for bit, with its masks, quantization codes and calibration; one another tool \
                    wrote becomes a `Map<String, INDArray>`. Shows what each tensor is stored as. \
                    The file must lie in a folder `%save` may write to.""")
            .positional(NAME)
            .positional(FILE)
            .example("%load cnn models/cnn.onnx")
            .example("%load net models/net-int4.safetensors")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        String name = arguments.get(NAME);
        Path file = context.allowedFile(FILE.metavar(), arguments.get(FILE));
        Table table;
        if (ModelFile.recognizes(file) || file.getFileName().toString().endsWith(".safetensors")) {
            ModelFile.Loaded loaded = ModelFile.read(file);
            ModelHandle model = ModelHandle.of(loaded.model());
            context.define(name, model);
            FileContents contents = loaded.contents();
            String writer = contents.writtenBy().isEmpty() ? "" : ", written by " + contents.writtenBy();
            table = FileContentsTable.of(String.format(Locale.ROOT, "%s (%s from %s%s, %,d bytes)", name, model.kind(), arguments.get(FILE),
                    writer, contents.fileBytes()), contents);
        } else {
            ModelHandle model = ModelHandle.of(Onnx.load(file));
            context.define(name, model);
            table = layers(name, model);
        }
        context.out().table(table);
        return table;
    }

    /** One row per layer: its ONNX node, operator, activation and parameter count. */
    private static Table layers(String name, ModelHandle model) {
        List<LayerInfo> layers = model.layers();
        Map<String, Integer> parameters = new HashMap<>();
        for (ParamTensor tensor : model.parameters()) {
            parameters.merge(tensor.layer(), Math.toIntExact(tensor.length()), Integer::sum);
        }
        StringColumn node = StringColumn.create("layer");
        StringColumn op = StringColumn.create("op");
        StringColumn activation = StringColumn.create("activation");
        IntColumn count = IntColumn.create("parameters");
        for (LayerInfo layer : layers) {
            node.append(layer.name());
            op.append(layer.type());
            activation.append(layer.activation().orElse(""));
            count.append(parameters.getOrDefault(layer.name(), 0));
        }
        String title = name + " (" + model.describe() + ")";
        return Table.create(title, node, op, activation, count);
    }
}
