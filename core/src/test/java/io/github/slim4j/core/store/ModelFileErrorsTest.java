package io.github.slim4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Every file slim4j cannot read gets one line naming the file and what is wrong with it. */
class ModelFileErrorsTest {
    @TempDir
    Path folder;
    private Path saved;

    @BeforeEach
    void saveOne() {
        saved = folder.resolve("net.safetensors");
        ModelFile.save(TestNetworks.mlp(), saved);
    }

    @Test
    void aTruncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(saved);
        Files.write(saved, Arrays.copyOf(whole, whole.length - 10));

        assertEquals("'" + saved + "' is not a file slim4j can read: its tensors take " + (whole.length - headerEnd(whole))
                + " bytes but the file holds " + (whole.length - 10 - headerEnd(whole)) + " after its header", loadError(saved));
    }

    @Test
    void aFileThatIsNotSafetensors() throws IOException {
        Path text = folder.resolve("notes.safetensors");
        // Its first 8 bytes, "these ar", read as a little-endian length: 0x7261206573656874.
        Files.writeString(text, "these are my notes, not a model");

        assertEquals("'" + text + "' is not a file slim4j can read: its header length 8241904413164529780 does not fit a file of 31 bytes",
                loadError(text));
        assertFalse(ModelFile.recognizes(text));
    }

    @Test
    void aHeaderThatIsNotJson() throws IOException {
        byte[] whole = Files.readAllBytes(saved);
        whole[9] = '#';
        Files.write(saved, whole);

        assertEquals("'" + saved + "' is not a file slim4j can read: its header is not valid JSON", loadError(saved));
    }

    @Test
    void aFileFromANewerSchema() throws IOException {
        rewriteManifest(manifest -> manifest.replace("\"schema\":1", "\"schema\":7"));

        assertEquals("cannot read '" + saved + "': it was written by slim4j " + version() + " in file schema 7, and this slim4j reads "
                + "schema 1 and older; load it with slim4j " + version() + " or newer", loadError(saved));
    }

    @Test
    void tensorsThatDoNotMatchTheManifest() throws IOException {
        rewriteManifest(manifest -> manifest.replace("\"name\":\"0_b\",\"dtype\":\"F32\",\"shape\":[32]",
                "\"name\":\"0_b\",\"dtype\":\"F32\",\"shape\":[31]"));

        assertEquals("'" + saved + "' is not a file slim4j can read: its tensors do not match the MultiLayerNetwork its manifest "
                + "describes: 0_b F32[31] where the network has F32[32]", loadError(saved));
    }

    @Test
    void aManifestNamingATensorTheFileLacks() throws IOException {
        rewriteManifest(manifest -> manifest.replace("\"name\":\"1_W\"", "\"name\":\"1_W\"").replace("\"1_W\":{", "\"1_X\":{"));

        assertEquals("'" + saved + "' is not a file slim4j can read: its manifest names tensor '1_W', which it does not hold",
                loadError(saved));
    }

    @Test
    void noFile() {
        Path absent = folder.resolve("absent.safetensors");

        assertEquals("there is no file '" + absent + "'", loadError(absent));
    }

    @Test
    void savingIntoAFolderThatDoesNotExistLeavesNothing() throws IOException {
        Path nowhere = folder.resolve("missing/net.safetensors");

        Slim4jException refused = assertThrows(Slim4jException.class, () -> ModelFile.save(TestNetworks.mlp(), nowhere));

        assertEquals("cannot save to '" + nowhere + "': the folder " + nowhere.getParent() + " does not exist", refused.getMessage());
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "only the file saved before");
        }
    }

    @Test
    void aFailedSaveLeavesTheEarlierFileAsItWas() throws IOException {
        byte[] before = Files.readAllBytes(saved);
        Map<String, Object> notTensors = Map.of("w", "text");

        assertThrows(RuntimeException.class, () -> ModelFile.save(notTensors, saved));

        assertEquals(Arrays.toString(before), Arrays.toString(Files.readAllBytes(saved)));
        ModelFile.save(Map.of("w", Nd4j.createFromArray(1f)), saved);
        assertFalse(Arrays.equals(before, Files.readAllBytes(saved)));
    }

    private void rewriteManifest(java.util.function.UnaryOperator<String> edit) throws IOException {
        byte[] whole = Files.readAllBytes(saved);
        int end = headerEnd(whole);
        String header = new String(whole, 8, end - 8, StandardCharsets.UTF_8).strip();
        com.google.gson.JsonObject json = new com.google.gson.JsonParser().parse(header).getAsJsonObject();
        com.google.gson.JsonObject metadata = json.getAsJsonObject("__metadata__");
        metadata.addProperty(Manifest.KEY, edit.apply(metadata.get(Manifest.KEY).getAsString()));
        String edited = edit.apply(json.toString());
        byte[] editedBytes = (edited + " ".repeat((8 - edited.getBytes(StandardCharsets.UTF_8).length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + editedBytes.length + whole.length - end];
        java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(editedBytes.length);
        System.arraycopy(editedBytes, 0, out, 8, editedBytes.length);
        System.arraycopy(whole, end, out, 8 + editedBytes.length, whole.length - end);
        Files.write(saved, out);
    }

    private static int headerEnd(byte[] whole) {
        return 8 + (int) java.nio.ByteBuffer.wrap(whole, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String loadError(Path file) {
        return assertThrows(Slim4jException.class, () -> ModelFile.load(file)).getMessage();
    }

    private static String version() throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = ModelFile.class.getResourceAsStream("slim4j-core.properties")) {
            properties.load(in);
        }
        return properties.getProperty("version");
    }
}
