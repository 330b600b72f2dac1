package io.github.slim4j.core.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.slim4j.core.summary.TensorStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a slim4j file holds beside its tensors, kept as JSON in the safetensors metadata under
 * {@value #KEY}: the schema version, the slim4j that wrote it, the model's kind and (for networks)
 * DL4J's own configuration JSON, and per tensor how it is stored.
 *
 * @param network DL4J's configuration JSON of a network; empty for tensors and imported graphs
 * @param origin  for a graph imported from another format, that format ({@link OriginStore#kind()}),
 *                whose source without weights the entry {@value #ORIGIN_ENTRY} holds
 */
record Manifest(int schema, String writtenBy, ModelKind kind, Optional<String> network, Optional<String> origin, List<SavedTensor> tensors,
        Optional<SavedCalibration> calibration) {

    static final String KEY = "slim4j";
    static final int SCHEMA = 1;
    static final String ORIGIN_ENTRY = "origin";

    /** The kinds of model a file holds. */
    enum ModelKind {
        MULTI_LAYER_NETWORK("MultiLayerNetwork"), COMPUTATION_GRAPH("ComputationGraph"), TENSOR_MAP("Map<String, INDArray>"),
        TENSOR("INDArray");

        private final String text;

        ModelKind(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        static ModelKind named(String text) {
            for (ModelKind kind : values()) {
                if (kind.text.equals(text)) {
                    return kind;
                }
            }
            throw new CorruptFileException("its manifest names an unknown model kind '" + text + "'");
        }
    }

    /** How a mask is kept: none, the tensor's non-zeros (the common case, free), or as bits of its own. */
    enum MaskForm { NONE, NON_ZEROS, STORED }

    /**
     * One parameter tensor.
     *
     * @param zero      the raw bits (a float's, or a code) that every entry a sparse layout leaves out holds
     * @param quantized its codes' format, when the file holds codes instead of values
     */
    record SavedTensor(String name, SafeDtype dtype, long[] shape, TensorStorage.Encoding layout, long zero,
            Optional<SavedCodes> quantized, MaskForm mask) {

        long elements() {
            long elements = 1;
            for (long size : shape) {
                elements = Math.multiplyExact(elements, size);
            }
            return elements;
        }

        int rows() {
            return SparseIndex.rows(shape);
        }
    }

    /** A quantized tensor's format and where its scales and zero points apply ({@code QParams}). */
    record SavedCodes(String format, int bits, int axis, int groupSize, int groupAxis, boolean zeroPoints) {
    }

    /** A network's calibration: the method and grid chosen last, and per point what was recorded. */
    record SavedCalibration(String method, String format, long batches, boolean complete, List<SavedPoint> points) {
    }

    /** A quantization point: its name and how many values were recorded; the rest is in tensors. */
    record SavedPoint(String name, long count) {
    }

    String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("schema", schema);
        json.addProperty("written_by", writtenBy);
        json.addProperty("kind", kind.text());
        network.ifPresent(config -> json.add("network", new JsonParser().parse(config)));
        origin.ifPresent(kind -> json.addProperty("origin", kind));
        JsonArray tensorList = new JsonArray();
        for (SavedTensor tensor : tensors) {
            tensorList.add(tensorJson(tensor));
        }
        json.add("tensors", tensorList);
        calibration.ifPresent(saved -> json.add("calibration", calibrationJson(saved)));
        return json.toString();
    }

    private static JsonObject tensorJson(SavedTensor tensor) {
        JsonObject json = new JsonObject();
        json.addProperty("name", tensor.name());
        json.addProperty("dtype", tensor.dtype().name());
        JsonArray shape = new JsonArray();
        for (long size : tensor.shape()) {
            shape.add(size);
        }
        json.add("shape", shape);
        json.addProperty("layout", tensor.layout().name().toLowerCase(Locale.ROOT));
        if (tensor.layout() != TensorStorage.Encoding.DENSE) {
            json.addProperty("zero", tensor.zero());
        }
        tensor.quantized().ifPresent(codes -> {
            JsonObject quantized = new JsonObject();
            quantized.addProperty("format", codes.format());
            quantized.addProperty("bits", codes.bits());
            quantized.addProperty("axis", codes.axis());
            quantized.addProperty("group_size", codes.groupSize());
            quantized.addProperty("group_axis", codes.groupAxis());
            quantized.addProperty("zero_points", codes.zeroPoints());
            json.add("quantized", quantized);
        });
        json.addProperty("mask", tensor.mask().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return json;
    }

    private static JsonObject calibrationJson(SavedCalibration calibration) {
        JsonObject json = new JsonObject();
        json.addProperty("method", calibration.method());
        json.addProperty("format", calibration.format());
        json.addProperty("batches", calibration.batches());
        json.addProperty("complete", calibration.complete());
        JsonArray points = new JsonArray();
        for (SavedPoint point : calibration.points()) {
            JsonObject item = new JsonObject();
            item.addProperty("name", point.name());
            item.addProperty("count", point.count());
            points.add(item);
        }
        json.add("points", points);
        return json;
    }

    /**
     * Reads a manifest.
     *
     * @throws NewerSchemaException for a file a later slim4j wrote in a schema this one does not know
     * @throws CorruptFileException for anything else that is not a manifest
     */
    static Manifest parse(String text) {
        JsonObject json;
        try {
            json = new JsonParser().parse(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new CorruptFileException("its slim4j manifest is not a JSON object");
        }
        try {
            int schema = json.get("schema").getAsInt();
            String writtenBy = json.get("written_by").getAsString();
            if (schema > SCHEMA) {
                throw new NewerSchemaException(schema, writtenBy);
            }
            List<SavedTensor> tensors = new ArrayList<>();
            for (JsonElement tensor : json.getAsJsonArray("tensors")) {
                tensors.add(tensor(tensor.getAsJsonObject()));
            }
            Optional<String> network = Optional.ofNullable(json.get("network")).map(JsonElement::toString);
            Optional<String> origin = Optional.ofNullable(json.get("origin")).map(JsonElement::getAsString);
            Optional<SavedCalibration> calibration = Optional.ofNullable(json.getAsJsonObject("calibration")).map(Manifest::calibration);
            return new Manifest(schema, writtenBy, ModelKind.named(json.get("kind").getAsString()), network, origin, List.copyOf(tensors),
                    calibration);
        } catch (NewerSchemaException | CorruptFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptFileException("its slim4j manifest lacks a field or holds one of the wrong type"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static SavedTensor tensor(JsonObject json) {
        JsonArray shapeJson = json.getAsJsonArray("shape");
        long[] shape = new long[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
        }
        TensorStorage.Encoding layout = TensorStorage.Encoding.valueOf(json.get("layout").getAsString().toUpperCase(Locale.ROOT));
        long zero = layout == TensorStorage.Encoding.DENSE ? 0 : json.get("zero").getAsLong();
        Optional<SavedCodes> quantized = Optional.ofNullable(json.getAsJsonObject("quantized")).map(codes -> new SavedCodes(
                codes.get("format").getAsString(), codes.get("bits").getAsInt(), codes.get("axis").getAsInt(),
                codes.get("group_size").getAsInt(), codes.get("group_axis").getAsInt(), codes.get("zero_points").getAsBoolean()));
        MaskForm mask = MaskForm.valueOf(json.get("mask").getAsString().toUpperCase(Locale.ROOT).replace('-', '_'));
        return new SavedTensor(json.get("name").getAsString(), SafeDtype.named(json.get("dtype").getAsString()), shape, layout, zero,
                quantized, mask);
    }

    private static SavedCalibration calibration(JsonObject json) {
        List<SavedPoint> points = new ArrayList<>();
        for (JsonElement point : json.getAsJsonArray("points")) {
            JsonObject item = point.getAsJsonObject();
            points.add(new SavedPoint(item.get("name").getAsString(), item.get("count").getAsLong()));
        }
        return new SavedCalibration(json.get("method").getAsString(), json.get("format").getAsString(), json.get("batches").getAsLong(),
                json.get("complete").getAsBoolean(), List.copyOf(points));
    }
}
