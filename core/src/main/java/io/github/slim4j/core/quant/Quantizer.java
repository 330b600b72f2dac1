package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.summary.StoredTensor;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Quantizes a model's weights in place: each selected tensor is quantized to its format, its
 * values replaced by the dequantized ones (simulated quantization: the model computes with exactly
 * what the codes stand for, and stays trainable), and its codes and parameters kept with the model
 * ({@link Quantizations}).
 *
 * <p>All or nothing: every tensor is quantized before any value is written, so a failure (NaN or
 * infinite weights, a group size that does not divide, an axis out of range) leaves the model as
 * it was.
 *
 * <p>Tensors are selected as pruning selects them (weights only by default: biases and
 * normalization stay float32), and each gets the format of the first layer rule that matches its
 * layer, else the default. A pruned network keeps its masks: its zeros quantize to the code of
 * zero, since every range includes 0, and stay exactly zero. Only float32 and float64 tensors are
 * quantized, as float32.
 *
 * <p>Quantizing twice changes nothing: a tensor whose current record already has the requested
 * format keeps it. Observing its dequantized values again would move the grid, since a symmetric
 * grid's largest value amax/scale = 127.5 rounds to 128 and clamps to 127, shrinking the next scale
 * by 127/127.5.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /**
     * @throws Slim4jException when the selection or a layer rule matches nothing, a tensor is not
     *     float32 or float64 or holds NaN or infinite values, or a tensor does not fit its format,
     *     naming the tensor; the model is then unchanged
     */
    public static QuantizationReport quantize(ModelHandle model, QuantizeSpec spec) {
        List<ParamTensor> tensors = spec.selection().apply(model);
        spec.layers().requireEachMatches(tensors.stream().map(ParamTensor::layer).distinct().toList());
        return quantize(model, tensors.stream()
                .map(tensor -> new TensorFormat(tensor, spec.layers().formatOf(tensor.layer(), spec.defaultFormat())))
                .toList());
    }

    /**
     * Quantizes exactly these tensors of the model, each to its own format, all or nothing.
     *
     * @param formats tensors of {@code model} ({@code model.parameters()}), each with its format
     * @throws Slim4jException when a tensor is not float32 or float64, holds NaN or infinite values
     *     (found by the pass that reads its range, which every format makes), or does not fit its
     *     format, naming the tensor; the model is then unchanged
     */
    public static QuantizationReport quantize(ModelHandle model, List<TensorFormat> formats) {
        formats.forEach(each -> check(each.tensor()));
        List<Plan> plans = new ArrayList<>(formats.size());
        for (TensorFormat each : formats) {
            plans.add(plan(model, each.tensor(), each.format()));
        }
        List<TensorQuantization> rows = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            rows.add(plan.write());
        }
        Quantizations.put(model, plans.stream().map(plan -> Map.entry(plan.tensor(), plan.quantized())).toList());
        return new QuantizationReport(rows);
    }

    /** @throws Slim4jException for a tensor no format can take */
    private static void check(ParamTensor tensor) {
        DataType type = tensor.values().dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new Slim4jException("cannot quantize " + tensor.qualifiedName() + ": its dtype " + tensor.dtype()
                    + " is not float32 or float64");
        }
        if (tensor.length() > Integer.MAX_VALUE) {
            throw new Slim4jException("cannot quantize " + tensor.qualifiedName() + ": its " + tensor.length()
                    + " values are more than the " + Integer.MAX_VALUE + " one tensor may have");
        }
    }

    private static Plan plan(ModelHandle model, ParamTensor tensor, WeightFormat format) {
        WeightAxes axes = tensor.axes();
        Optional<QuantizedTensor> before = Quantizations.of(model, tensor);
        QuantizedTensor quantized;
        try {
            // A record is current only while it describes the values, which are then finite.
            quantized = before.isPresent() && before.get().format().equals(format) ? before.get() : format.quantize(tensor.values(), axes);
        } catch (NonFiniteValues e) {
            String layer = tensor.layer().equals(tensor.qualifiedName()) ? "" : " (layer " + tensor.layer() + ")";
            throw new Slim4jException(tensor.qualifiedName() + layer + " holds " + e.count().describe() + "; quantization needs finite weights");
        } catch (Slim4jException e) {
            throw new Slim4jException("cannot quantize " + tensor.qualifiedName() + " to " + format.name() + ": " + e.getMessage());
        }
        return new Plan(tensor, quantized, before);
    }

    /**
     * One tensor's quantization, computed before anything is written.
     *
     * @param before the tensor's record before, if it was quantized
     */
    private record Plan(ParamTensor tensor, QuantizedTensor quantized, Optional<QuantizedTensor> before) {

        /**
         * Writes the values the codes stand for, from the codes rather than by fake quantization of the
         * values in place: tensors of a map may share a buffer, and each record must hold what was
         * written (the later write wins; the earlier record is then stale).
         */
        TensorQuantization write() {
            Replacement replacement = Replacement.write(quantized, tensor);
            long nonZeros = replacement.nonZerosBefore();
            StoredTensor stored = before.map(record -> StoredTensor.of(record, nonZeros)).orElseGet(() -> StoredTensor.unquantized(tensor, nonZeros));
            Optional<DoubleSummaryStatistics> scales = quantized.qparams().map(QParams::scales)
                    .map(each -> IntStream.range(0, each.length).mapToDouble(i -> each[i]).summaryStatistics());
            return new TensorQuantization(tensor.layer(), tensor.qualifiedName(), quantized.format(), tensor.length(),
                    scales.map(all -> OptionalDouble.of(all.getMin())).orElse(OptionalDouble.empty()),
                    scales.map(all -> OptionalDouble.of(all.getMax())).orElse(OptionalDouble.empty()),
                    stored.bytes(), StoredTensor.of(quantized, replacement.nonZerosAfter()).bytes(), replacement.sqnrDb());
        }
    }
}
