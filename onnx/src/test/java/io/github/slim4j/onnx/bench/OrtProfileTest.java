package io.github.slim4j.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.onnx.OnnxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a profile written by hand in ONNX Runtime's format: three runs, the first a warm-up. */
class OrtProfileTest {
    private static final String PROFILE = """
            [
            {"cat":"Session","name":"session_initialization","ts":0,"dur":500,"args":{}},
            {"cat":"Session","name":"model_run","ts":1000,"dur":100,"args":{}},
            {"cat":"Node","name":"conv_kernel_time","ts":1010,"dur":90,"args":{"op_name":"Conv","mem_arena_held":"9000",
              "input_type_shape":[{"float":[2,1,4,4]},{"float":[3,1,3,3]},{}],"output_type_shape":[{"float":[2,3,4,4]}]}},
            {"cat":"Session","name":"model_run","ts":2000,"dur":100,"args":{}},
            {"cat":"Node","name":"conv_fence_before","ts":2005,"dur":0,"args":{"op_name":"Conv"}},
            {"cat":"Node","name":"conv_kernel_time","ts":2010,"dur":30,"args":{"op_name":"Conv","mem_arena_held":"4000",
              "input_type_shape":[{"float":[2,1,4,4]},{"float":[3,1,3,3]},{}],"output_type_shape":[{"float":[2,3,4,4]}]}},
            {"cat":"Node","name":"relu_kernel_time","ts":2050,"dur":8,"args":{"op_name":"Relu","mem_arena_held":"5000",
              "input_type_shape":[{"float":[2,3,4,4]}],"output_type_shape":[{"float":[2,3,4,4]}]}},
            {"cat":"Session","name":"model_run","ts":3000,"dur":100,"args":{}},
            {"cat":"Node","name":"conv_kernel_time","ts":3010,"dur":50,"args":{"op_name":"Conv","mem_arena_held":"4000",
              "input_type_shape":[{"float":[2,1,4,4]},{"float":[3,1,3,3]},{}],"output_type_shape":[{"float":[2,3,4,4]}]}},
            {"cat":"Node","name":"relu_kernel_time","ts":3050,"dur":4,"args":{"op_name":"Relu","mem_arena_held":"5000",
              "input_type_shape":[{"float":[2,3,4,4]}],"output_type_shape":[{"float":[2,3,4,4]}]}}
            ]
            """;

    @TempDir
    Path folder;

    @Test
    void nodesTakeTheirMedianOverTheRunsAfterTheWarmUp() throws IOException {
        OrtProfile profile = OrtProfile.read(write(), 1);
        assertEquals(List.of("conv", "relu"), profile.nodes().stream().map(ProfiledNode::name).toList());
        ProfiledNode conv = profile.nodes().get(0);
        assertEquals("Conv", conv.op());
        assertEquals(40.0, conv.micros());
        assertEquals(6.0, profile.nodes().get(1).micros());
        assertEquals(46.0, profile.micros());
        assertEquals(List.of("float", "float", ""), conv.inputTypes());
        assertArrayEquals(new long[] {3, 1, 3, 3}, conv.inputShapes().get(1));
        assertArrayEquals(new long[0], conv.inputShapes().get(2));
        assertArrayEquals(new long[] {2, 3, 4, 4}, conv.outputShapes().get(0));
        assertEquals(5000, profile.peakArenaBytes());
        assertEquals(2 * 3 * 4 * 4 * 9, Macs.of(conv));
    }

    @Test
    void withoutSkippingEveryRunCounts() throws IOException {
        OrtProfile profile = OrtProfile.read(write(), 0);
        assertEquals(50.0, profile.nodes().get(0).micros(), "the median of 90, 30 and 50");
        assertEquals(9000, profile.peakArenaBytes());
    }

    @Test
    void aProfileWithTooFewRunsIsRefused() throws IOException {
        OnnxException refused = assertThrows(OnnxException.class, () -> OrtProfile.read(write(), 3));
        assertEquals("ONNX Runtime's profile " + folder.resolve("profile.json") + " holds 3 runs; expected more than 3", refused.getMessage());
    }

    private Path write() throws IOException {
        return Files.writeString(folder.resolve("profile.json"), PROFILE);
    }
}
