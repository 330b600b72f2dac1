package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading and writing ONNX files: every broken file of tests/notebooks/bad-onnx (written by its
 * make_bad_onnx.py) is refused with one line that names it, and what is read is written back
 * byte for byte.
 */
class OnnxFileTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"truncated.onnx", "empty.onnx", "not-onnx.onnx", "opset9.onnx", "opset18.onnx", "unsupported-op.onnx",
            "external-missing.onnx", "external-escaping.onnx"})
    void aBadFileIsRefusedInOneLineNamingIt(String name) {
        OnnxException refused = assertThrows(OnnxException.class, () -> Onnx.load(Fixtures.BAD.resolve(name)));
        assertOneLineNaming(refused, name);
    }

    @Test
    void theBadFilesMakerAlsoWritesAValidOneThatLoads() {
        assertEquals(1, Onnx.load(Fixtures.BAD.resolve("valid.onnx")).getNumInputArrays());
    }

    @ParameterizedTest
    @ValueSource(strings = {"opset9.onnx", "opset18.onnx"})
    void anOpsetOutsideElevenToSeventeenIsNamedWithTheOnesAllowed(String name) {
        String message = assertThrows(OnnxException.class, () -> Onnx.load(Fixtures.BAD.resolve(name))).getMessage();
        String opset = name.replaceAll("\\D", "");
        assertTrue(message.contains("opset " + opset), message);
        assertTrue(message.contains("11 to 17"), message);
    }

    /** What %export writes (opset 21 for int4) reads back for %parity; opset 9 and 22 stay refused. */
    @Test
    void anExportedFileReadsBackUpToOpset21() {
        ModelProto opset18 = OnnxFile.readExported(Fixtures.BAD.resolve("opset18.onnx"));
        assertEquals(18, OnnxFile.opset(opset18));
        for (long opset : new long[] {21, 22}) {
            Path file = folder.resolve("opset" + opset + ".onnx");
            OnnxFile.write(withOpset(opset18, opset), file);
            if (opset == 21) {
                assertEquals(21, OnnxFile.opset(OnnxFile.readExported(file)));
            } else {
                String message = assertThrows(OnnxException.class, () -> OnnxFile.readExported(file)).getMessage();
                assertEquals(file + " uses ONNX opset 22; slim4j reads opsets 11 to 21", message);
            }
        }
        String message = assertThrows(OnnxException.class, () -> OnnxFile.readExported(Fixtures.BAD.resolve("opset9.onnx"))).getMessage();
        assertTrue(message.contains("opset 9; slim4j reads opsets 11 to 21"), message);
    }

    private static ModelProto withOpset(ModelProto model, long opset) {
        ModelProto.Builder builder = model.toBuilder().clearOpsetImport();
        builder.addOpsetImportBuilder().setDomain("").setVersion(opset);
        return builder.build();
    }

    @Test
    void externalDataOutsideTheModelsFolderIsRefusedThoughTheFileExists() {
        // make_bad_onnx.py points it at ../../../models/mlp-ext.onnx.data, which is there.
        assertTrue(Files.isRegularFile(Fixtures.BAD.resolve("../../../models/mlp-ext.onnx.data")));
        String message = assertThrows(OnnxException.class, () -> OnnxFile.read(Fixtures.BAD.resolve("external-escaping.onnx"))).getMessage();
        assertTrue(message.contains("outside the model's folder"), message);
    }

    @Test
    void writingIntoAMissingFolderSaysSo() {
        Path target = folder.resolve("missing").resolve("model.onnx");
        OnnxException refused = assertThrows(OnnxException.class, () -> OnnxFile.write(OnnxFile.read(Fixtures.small("mlp.onnx")), target));
        assertOneLineNaming(refused, target.toString());
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(target.getParent()));
    }

    @Test
    void writingOverAFolderSaysItIsOne() throws Exception {
        Path target = Files.createDirectory(folder.resolve("model.onnx"));
        OnnxException refused = assertThrows(OnnxException.class, () -> OnnxFile.write(OnnxFile.read(Fixtures.small("mlp.onnx")), target));
        assertOneLineNaming(refused, target.toString());
        assertTrue(refused.getMessage().contains("is a directory"), refused.getMessage());
        try (var left = Files.list(folder)) {
            assertEquals(List.of(target), left.toList(), "nothing is left half-written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.onnx", "cnn.onnx", "cnn-tf.onnx", "resnet.onnx", "resnet-bn.onnx"})
    void aFileReadThenWrittenHasTheSameBytes(String name) throws Exception {
        Path written = folder.resolve(name);
        OnnxFile.write(OnnxFile.read(Fixtures.small(name)), written);
        assertArrayEquals(Files.readAllBytes(Fixtures.small(name)), Files.readAllBytes(written));
    }

    /**
     * A file with external data is written with its weights inline, so its bytes cannot be the
     * file's own. onnx.load, which reads the external data in too, judges it: both read as the same
     * model once its own marker that data was inlined (data_location set to DEFAULT) is dropped.
     * Written again, the inlined file keeps its bytes.
     */
    @Test
    void aFileWithExternalDataIsWrittenWithItsDataInlineAsOnnxReadsIt() throws Exception {
        Path written = folder.resolve("mlp-inline.onnx");
        ModelProto model = OnnxFile.read(Fixtures.small("mlp-ext.onnx"));
        OnnxFile.write(model, written);
        Path again = folder.resolve("mlp-inline-again.onnx");
        OnnxFile.write(OnnxFile.read(written), again);
        assertArrayEquals(Files.readAllBytes(written), Files.readAllBytes(again));
        String verdict = PythonOnnx.run("""
                import sys, onnx
                def read(path):
                    model = onnx.load(path)
                    for tensor in model.graph.initializer:
                        tensor.ClearField("data_location")
                    return model.SerializeToString()
                print("same" if read(sys.argv[1]) == read(sys.argv[2]) else "different")
                """, Fixtures.small("mlp-ext.onnx"), written);
        assertEquals("same", verdict);
        assertFalse(Files.exists(folder.resolve("mlp-inline.onnx.data")));
    }

    private static void assertOneLineNaming(OnnxException refused, String name) {
        String message = refused.getMessage();
        assertNotNull(message);
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n") || message.contains("\r"), "more than one line: " + message);
        assertTrue(message.contains(name), "does not name " + name + ": " + message);
        for (String leak : List.of("com.google", "java.", "Exception", "ai.onnxruntime", "org.nd4j", "org.deeplearning4j")) {
            assertFalse(message.contains(leak), "shows the class name " + leak + ": " + message);
        }
    }
}
