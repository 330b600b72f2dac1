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
import io.github.slim4j.onnx.Onnx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %load NAME FILE}: a model from a file, as a notebook variable every magic takes. */
public final class LoadMagic implements Magic {

    private static final Positional<String> NAME = Positional.one("NAME", new JavaName("NAME"),
            "the notebook variable to define (replaced if it exists)");
    private static final Positional<String> FILE = Positional.one("FILE", new Text("FILE", "a path to an .onnx file"),
            "the model file, relative to the notebook's working directory");

    private static final Syntax SYNTAX = Syntax.builder("load", "Load an ONNX model as a trainable network")
            .description("""
                    Reads an ONNX file exported from PyTorch (`torch.onnx.export`) or TensorFlow \
                    (tf2onnx), opsets 11 to 17, with its external data if it has any, and defines \
                    NAME as its JVM form: a DL4J `ComputationGraph` that every magic takes, that \
                    trains, and whose layers and tensors carry the ONNX file's node and \
                    initializer names. Its outputs match ONNX Runtime's. `%export` writes it back \
                    as ONNX with whatever was done to it. Shows the layers it made.""")
            .positional(NAME)
            .positional(FILE)
            .example("%load cnn models/cnn.onnx")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        String name = arguments.get(NAME);
        ComputationGraph graph = Onnx.load(context.file(arguments.get(FILE)));
        ModelHandle model = ModelHandle.of(graph);
        context.define(name, model);
        Table table = layers(name, model);
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
