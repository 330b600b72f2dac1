package io.github.slim4j.onnx.bench;

import io.github.slim4j.onnx.OnnxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * What an ONNX Runtime session profile (the JSON file {@code enableProfiling} writes, in Chrome's
 * trace format) says about the runs it saw: each node's kernel time, the median over the runs (one
 * run slowed down by another process on a shared machine would pull a mean far off), and the
 * largest arena ONNX Runtime held for activations.
 *
 * @param nodes the nodes in the order they first ran
 */
public record OrtProfile(List<ProfiledNode> nodes, long peakArenaBytes) {
    private static final String KERNEL_TIME = "_kernel_time";

    public OrtProfile {
        nodes = List.copyOf(nodes);
    }

    /** The total kernel time per run, in microseconds. */
    public double micros() {
        return nodes.stream().mapToDouble(ProfiledNode::micros).sum();
    }

    /** Reads a profile, leaving out its first {@code skipped} runs (warm-up); there must be one run more. */
    public static OrtProfile read(Path json, int skipped) {
        JsonNode events;
        try {
            events = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new OnnxException("cannot read ONNX Runtime's profile " + json + ": " + e.getMessage(), e);
        }
        List<Long> runEnds = new ArrayList<>();
        for (JsonNode event : events) {
            if ("Session".equals(event.path("cat").asText()) && "model_run".equals(event.path("name").asText())) {
                runEnds.add(event.path("ts").asLong() + event.path("dur").asLong());
            }
        }
        runEnds.sort(null);
        int runs = runEnds.size() - skipped;
        if (runs < 1) {
            throw new OnnxException("ONNX Runtime's profile " + json + " holds " + runEnds.size() + " runs; expected more than " + skipped);
        }
        long measuredFrom = skipped == 0 ? Long.MIN_VALUE : runEnds.get(skipped - 1);
        Map<String, Accumulated> byName = new LinkedHashMap<>();
        long peakArena = 0;
        for (JsonNode event : events) {
            String name = event.path("name").asText();
            if (!"Node".equals(event.path("cat").asText()) || !name.endsWith(KERNEL_TIME) || event.path("ts").asLong() < measuredFrom) {
                continue;
            }
            JsonNode args = event.path("args");
            peakArena = Math.max(peakArena, args.path("mem_arena_held").asLong(0));
            String node = name.substring(0, name.length() - KERNEL_TIME.length());
            byName.computeIfAbsent(node, ignored -> new Accumulated(args)).micros.add(event.path("dur").asLong());
        }
        List<ProfiledNode> nodes = new ArrayList<>();
        byName.forEach((name, node) -> nodes.add(node.toNode(name)));
        return new OrtProfile(nodes, peakArena);
    }

    private static final class Accumulated {
        private final JsonNode args;
        private final List<Long> micros = new ArrayList<>();

        Accumulated(JsonNode args) {
            this.args = args;
        }

        ProfiledNode toNode(String name) {
            List<String> inputTypes = new ArrayList<>();
            List<long[]> inputShapes = new ArrayList<>();
            // An omitted optional input is an empty object: it keeps its place, with no type.
            for (JsonNode input : args.path("input_type_shape")) {
                var field = input.fields().hasNext() ? input.fields().next() : null;
                inputTypes.add(field == null ? "" : field.getKey());
                inputShapes.add(field == null ? new long[0] : shape(field.getValue()));
            }
            List<long[]> outputShapes = new ArrayList<>();
            for (JsonNode output : args.path("output_type_shape")) {
                outputShapes.add(output.fields().hasNext() ? shape(output.fields().next().getValue()) : new long[0]);
            }
            return new ProfiledNode(name, args.path("op_name").asText(), median(), inputTypes, inputShapes, outputShapes);
        }

        private double median() {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        }

        private static long[] shape(JsonNode dims) {
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).asLong();
            }
            return shape;
        }
    }
}
