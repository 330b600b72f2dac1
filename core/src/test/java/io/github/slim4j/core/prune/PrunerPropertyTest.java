package io.github.slim4j.core.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.model.ModelHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrunerPropertyTest {

    /** The cut behind every criterion takes the first k of a stable sort of the keys. */
    @Property(tries = 200)
    void theCutTakesTheFirstKOfAStableSort(@ForAll("keys") int[] keys, @ForAll @DoubleRange(min = 0, max = 1) double share) {
        int k = (int) Math.round(share * keys.length);
        List<Integer> sorted = IntStream.range(0, keys.length).boxed()
                .sorted(Comparator.comparingInt(i -> keys[i])).limit(k).toList();
        boolean[] expected = new boolean[keys.length];
        sorted.forEach(i -> expected[i] = true);

        Cut.Taker taker = SmallestKeys.of(List.of(keys), k).taker();
        boolean[] selected = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            selected[i] = taker.select(keys[i]);
        }
        assertArrayEquals(expected, selected);
    }

    /**
     * Segments read at once, each with its own taker, select the first k of a stable sort of the
     * segments joined in order: ties go to the earlier segment, as one reader in order takes them.
     */
    @Property(tries = 200)
    void eachSegmentsTakerSelectsWhatOneReadInOrderSelects(@ForAll("keys") int[] first, @ForAll("keys") int[] second,
            @ForAll("keys") int[] third, @ForAll @DoubleRange(min = 0, max = 1) double share) {
        List<int[]> segments = List.of(first, second, third);
        int[] joined = IntStream.concat(IntStream.concat(IntStream.of(first), IntStream.of(second)), IntStream.of(third)).toArray();
        int k = (int) Math.round(share * joined.length);
        boolean[] expected = new boolean[joined.length];
        IntStream.range(0, joined.length).boxed().sorted(Comparator.comparingInt(i -> joined[i])).limit(k)
                .forEach(i -> expected[i] = true);

        List<KeyStream> streams = segments.stream().<KeyStream>map(KeyStream.OfArray::new).toList();
        List<Cut.Taker> takers = SmallestKeys.ofStreams(streams, k).takers(streams);
        boolean[] selected = new boolean[joined.length];
        int at = 0;
        for (int s = 0; s < segments.size(); s++) {
            for (int key : segments.get(s)) {
                selected[at++] = takers.get(s).select(key);
            }
        }
        assertArrayEquals(expected, selected);
    }

    @Property(tries = 150)
    void magnitudePrunesExactlyTheAmountAndOnlySmallerMagnitudes(@ForAll("weights") float[] weights,
            @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        Amount amount = new Amount.Fraction(fraction);
        ModelHandle model = ModelHandle.of(Nd4j.createFromArray(weights));
        TensorPlan plan = plan(model, new Criterion.Magnitude(), amount, Scope.LAYER).get(0);

        assertEquals(amount.of(weights.length), plan.after().pruned());
        assertKeptOutrankPruned(List.of(weights), List.of(plan.after()));
    }

    @Property(tries = 100)
    void globalMagnitudeRanksAcrossTensors(@ForAll("weights") float[] first, @ForAll("weights") float[] second,
            @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", Nd4j.createFromArray(first));
        tensors.put("b.weight", Nd4j.createFromArray(second));
        Amount amount = new Amount.Fraction(fraction);
        List<TensorPlan> plans = plan(ModelHandle.of(tensors), new Criterion.Magnitude(), amount, Scope.GLOBAL);

        assertEquals(amount.of(first.length + second.length), plans.get(0).after().pruned() + plans.get(1).after().pruned());
        assertKeptOutrankPruned(List.of(first, second), List.of(plans.get(0).after(), plans.get(1).after()));
    }

    @Property(tries = 100)
    void pruningAgainToTheSameAmountChangesNothing(@ForAll("weights") float[] weights,
            @ForAll @DoubleRange(min = 0, max = 1) double fraction, @ForAll boolean random) {
        INDArray values = Nd4j.createFromArray(weights);
        Criterion criterion = random ? new Criterion.Random(11) : new Criterion.Magnitude();
        PruneSpec spec = PyTorchReferenceTest.layer(criterion, new Amount.Fraction(fraction));
        Pruner.prune(ModelHandle.of(values), spec);
        float[] once = values.toFloatVector();

        Pruner.prune(ModelHandle.of(values), spec);

        assertArrayEquals(once, values.toFloatVector());
    }

    @Property(tries = 100)
    void nOfMKeepsTheNLargestOfEveryGroup(@ForAll("weights") float[] pool, @ForAll @IntRange(min = 2, max = 9) int m,
            @ForAll @IntRange(min = 1, max = 8) int nWanted) {
        int n = Math.min(nWanted, m - 1);
        int columns = m * 3;
        int rows = pool.length / columns;
        if (rows == 0) {
            return;
        }
        float[] weights = Arrays.copyOf(pool, rows * columns);
        ModelHandle model = ModelHandle.of(Nd4j.createFromArray(weights).reshape(rows, columns));
        Mask mask = plan(model, new Criterion.NofM(n, m), new Amount.Fraction(0), Scope.LAYER).get(0).after();

        for (int group = 0; group < weights.length; group += m) {
            List<Float> kept = new ArrayList<>();
            List<Float> pruned = new ArrayList<>();
            for (int i = group; i < group + m; i++) {
                (mask.isKept(i) ? kept : pruned).add(Math.abs(weights[i]));
            }
            assertEquals(n, kept.size(), "group at " + group);
            assertOutrank(kept, pruned);
        }
    }

    private static List<TensorPlan> plan(ModelHandle model, Criterion criterion, Amount amount, Scope scope) {
        return MaskPlanner.of(criterion).plan(Target.all(model, model.parameters()), amount, scope);
    }

    private static void assertKeptOutrankPruned(List<float[]> tensors, List<Mask> masks) {
        List<Float> kept = new ArrayList<>();
        List<Float> pruned = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            float[] values = tensors.get(t);
            for (int i = 0; i < values.length; i++) {
                (masks.get(t).isKept(i) ? kept : pruned).add(Math.abs(values[i]));
            }
        }
        assertOutrank(kept, pruned);
    }

    /** Every kept magnitude is at least every pruned one, NaN counting as the largest (Float.compare's order). */
    private static void assertOutrank(List<Float> kept, List<Float> pruned) {
        if (!kept.isEmpty() && !pruned.isEmpty()) {
            float smallestKept = kept.stream().min(Float::compare).orElseThrow();
            float largestPruned = pruned.stream().max(Float::compare).orElseThrow();
            assertTrue(Float.compare(largestPruned, smallestKept) <= 0, () -> "pruned " + largestPruned + " above kept " + smallestKept);
        }
    }

    /** Small arrays, and arrays past 4096 keys, where the cut switches to its histogram. */
    @Provide
    Arbitrary<int[]> keys() {
        Arbitrary<Integer> key = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers()),
                Tuple.of(3, Arbitraries.integers().between(-3, 3)),
                Tuple.of(2, Arbitraries.integers().between(0x3c000000, 0x3c0000ff)));
        return Arbitraries.oneOf(key.array(int[].class).ofMaxSize(60), key.array(int[].class).ofMinSize(4097).ofMaxSize(9000));
    }

    /** Weights with ties, zeros of both signs, and now and then NaN or infinity. */
    @Provide
    Arbitrary<float[]> weights() {
        Arbitrary<Float> value = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.floats().between(-1, 1)),
                Tuple.of(4, Arbitraries.of(0.5f, -0.5f, 0.25f)),
                Tuple.of(3, Arbitraries.of(0f, -0f)),
                Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)));
        return Arbitraries.oneOf(value.array(float[].class).ofMinSize(1).ofMaxSize(80),
                value.array(float[].class).ofMinSize(4097).ofMaxSize(7000));
    }
}
