package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An assignment as one {@code Quantizer} call: a rule for each quantized layer, and the selection narrowed to those layers. */
final class AssignmentSpec {

    private AssignmentSpec() {
    }

    /** @param assignment with at least one unit {@linkplain Assignment#quantizesAny quantized} */
    static QuantizeSpec of(AllocationSpace space, Assignment assignment, Selection selection) {
        List<LayerFormats.Rule> rules = new ArrayList<>();
        for (int unit = 0; unit < space.units(); unit++) {
            if (assignment.choice(unit) != Assignment.FLOAT) {
                rules.add(new LayerFormats.Rule(exactly(space.unit(unit).layer()), space.candidate(assignment.choice(unit))));
            }
        }
        Pattern quantized = Pattern.compile(rules.stream().map(rule -> rule.layers().pattern()).collect(Collectors.joining("|")));
        // Every quantized layer has its rule, so the default format never applies; the first rule's will do.
        WeightFormat unused = rules.get(0).format();
        return new QuantizeSpec(unused, new LayerFormats(rules),
                new Selection(Optional.of(quantized), selection.exclude(), selection.kinds()));
    }

    private static Pattern exactly(String layer) {
        return Pattern.compile(Pattern.quote(layer));
    }
}
