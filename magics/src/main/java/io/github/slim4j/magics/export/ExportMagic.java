package io.github.slim4j.magics.export;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.ExportedModel;
import io.github.slim4j.onnx.export.ExportedTensor;
import java.nio.file.Path;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %export NAME FILE}: a model, with what was done to it, as an ONNX file ONNX Runtime runs. */
public final class ExportMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.NETWORK,
            "the model to export: a MultiLayerNetwork, or a model loaded with %load or made from one");
    private static final Positional<String> FILE = Positional.one("FILE", new Text("FILE", "a path for the .onnx file"),
            "where to write it, relative to the notebook's working directory; an existing file is replaced");
    private static final Flag FLOAT = Flag.of("--float",
            "write every weight as float32 (the dequantized values of quantized ones) and no activation quantization");

    private static final Syntax SYNTAX = Syntax.builder("export", "Write a model as an ONNX file for ONNX Runtime")
            .description("""
                    Writes MODEL back into the ONNX model it was loaded from, keeping its node \
                    names, order, opset and metadata: float and pruned weights as float32 (zeros \
                    included); quantized weights as int8 (int7: ONNX Runtime's reduce_range), \
                    int4 or int16 codes behind DequantizeLinear, per channel where they were \
                    quantized per channel; calibrated activations (after %calibrate, or in a \
                    network made by %quantize --activations) as QuantizeLinear/DequantizeLinear \
                    pairs with the chosen scales and zero points, where ONNX Runtime fuses them \
                    into QLinearConv, QGemm and QLinearAdd, with int32 biases as it needs. The \
                    opset is raised to 13 for per-channel codes and to 21 for int4 and int16. \
                    Formats ONNX Runtime cannot run (powers of two, fixed point, fp8, reduced \
                    mantissas, other widths) are refused before anything is written. Shows what \
                    each tensor became.

                    A MultiLayerNetwork built in the notebook is written layer by layer at opset \
                    13, in float32 (pruned zeros included): dense and output layers as Gemm, \
                    convolutions (depthwise too) as Conv, batch normalization, max and average \
                    pooling, global pooling, dropout (nothing at inference), the flattening and \
                    unflattening preprocessors, and the common activations. Other layers are \
                    refused, naming the layer. Its quantized weights go out as the float values \
                    it computes with, with --float.

                    The file must lie in a folder `%save` may write to (see `%help save`).""")
            .positional(MODEL)
            .positional(FILE)
            .flag(FLOAT)
            .example("%export q cnn-int8.onnx")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Path file = context.allowedFile(FILE.metavar(), arguments.get(FILE));
        ExportedModel exported = Onnx.export(model.value(), new ExportOptions(arguments.has(FLOAT)));
        OnnxFile.write(exported.model(), file);
        Table table = table(model.name() + " → " + arguments.get(FILE) + " (" + String.format("%,d", exported.model().getSerializedSize())
                + " bytes, opset " + exported.opset() + (exported.upgraded() ? ", raised from " + exported.upgradedFrom() : "") + ")",
                exported);
        context.out().table(table);
        return table;
    }

    private static Table table(String title, ExportedModel exported) {
        StringColumn name = StringColumn.create("tensor");
        StringColumn kind = StringColumn.create("kind");
        StringColumn stored = StringColumn.create("stored as");
        LongColumn bytes = LongColumn.create("bytes");
        for (ExportedTensor tensor : exported.tensors()) {
            name.append(tensor.name());
            kind.append(tensor.kind());
            stored.append(tensor.storedAs());
            bytes.append(tensor.bytes());
        }
        return Table.create(title, name, kind, stored, bytes);
    }
}
