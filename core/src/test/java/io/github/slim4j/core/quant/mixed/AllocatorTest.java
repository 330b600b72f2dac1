package io.github.slim4j.core.quant.mixed;

import static io.github.slim4j.core.quant.mixed.Units.P2;
import static io.github.slim4j.core.quant.mixed.Units.P4;
import static io.github.slim4j.core.quant.mixed.Units.P6;
import static io.github.slim4j.core.quant.mixed.Units.P8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    @Test
    void measuresTheBaselineTheSensitivitiesThePlanAndTheRefinementEachOnce() {
        List<Assignment> asked = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        AllocationSpace space = Units.space(4.11);

        Allocator.Outcome outcome = new Allocator(space, assignment -> {
            asked.add(assignment);
            return Units.measured().at(assignment);
        }, (done, total, detail) -> {
            counts.add(new long[] {done, total});
            details.add(detail);
        }).run();

        assertEquals(asked.size(), asked.stream().distinct().count(), "each assignment measured once");
        assertEquals(Assignment.unquantized(3), asked.get(0));
        assertEquals(Assignment.only(3, 0, P8), asked.get(1));
        assertEquals(Assignment.only(3, 2, P2), asked.get(12));
        assertEquals(Assignment.of(P2, P8, P8), asked.get(13), "the plan's end first");
        assertEquals(List.of(Assignment.of(P8, P8, P8), Assignment.of(P6, P8, P8), Assignment.of(P4, P8, P8)), asked.subList(14, 17));
        assertEquals(Assignment.of(P4, P6, P8), asked.get(17), "the one swap that fits");
        assertEquals(18, asked.size());

        assertEquals("float: accuracy 90.0%", details.get(0));
        assertEquals("big at pow2:8: accuracy 90.0%", details.get(1));
        assertEquals("small at pow2:2: accuracy 60.0%", details.get(12));
        assertEquals("step 3, 2.27 bits: accuracy 88.0%", details.get(13));
        assertEquals("step 0, 8.00 bits: accuracy 90.0%", details.get(14));
        assertEquals("refining, 4.10 bits: accuracy 88.6%", details.get(17));
        assertEquals(1, counts.get(0)[0]);
        assertEquals(1 + 12 + 4 + Allocator.REFINEMENT_EVALUATIONS, counts.get(17)[1]);

        AllocationResult result = outcome.result();
        assertEquals(Optional.of(Assignment.of(P4, P6, P8)), outcome.best());
        assertTrue(result.complete());
        assertEquals(Units.BASELINE, result.baselineAccuracy());
        assertEquals(List.of("big_W", "mid_W", "mid_RW", "small_W"), List.copyOf(result.formats().keySet()));
        assertEquals(List.of("pow2:4", "pow2:6", "pow2:6", "pow2:8"), result.formats().values().stream().map(f -> f.name()).toList());
        assertEquals((50_000 * 4 + 2_000 * 6 + 320 * 8) / 52_320.0, result.averageBits(), 1e-12);
        assertEquals(Units.accuracy(Assignment.of(P4, P6, P8)), result.accuracy());

        assertEquals(List.of(0, 1, 2, 3, 4), result.path().stream().map(AllocationStep::step).toList());
        assertEquals(Map.of("big_W", "pow2:8", "mid_W", "pow2:8", "mid_RW", "pow2:8", "small_W", "pow2:8"),
                result.path().get(0).formats());
        assertEquals(8, result.path().get(0).averageBits());
        for (AllocationStep step : result.path()) {
            assertEquals(Units.accuracy(assignmentOf(step)), step.accuracy(), 1e-15, "real accuracies on the path");
        }
        assertEquals(result.accuracy(), result.path().get(4).accuracy());
    }

    @Test
    void theRefinementStopsAfterItsBudgetOfMeasurements() {
        // Every unit alone measures alike, so every neighbour is estimated not to lose, and every assignment measured
        // later measures better than all before: the climb would move forever.
        AllocationSpace space = new AllocationSpace(List.of(new AllocationSpace.Unit("a", List.of("a_W"), 100),
                new AllocationSpace.Unit("b", List.of("b_W"), 100), new AllocationSpace.Unit("c", List.of("c_W"), 100),
                new AllocationSpace.Unit("d", List.of("d_W"), 100)), Units.CANDIDATES, 5);
        Map<Assignment, Integer> asked = new HashMap<>();
        Allocator.Outcome outcome = new Allocator(space, assignment -> {
            asked.merge(assignment, 1, Integer::sum);
            return OptionalDouble.of(assignment.complete() ? asked.size() / 100.0 : 0.9);
        }, (done, total, detail) -> { }).run();

        // Ties go to the first unit: the plan takes a, then b, down to 2 bits, in 7 points.
        assertEquals(1 + 4 * 4 + 7 + Allocator.REFINEMENT_EVALUATIONS, asked.size());
        assertTrue(asked.values().stream().allMatch(times -> times == 1));
        List<AllocationStep> path = outcome.result().path();
        assertEquals(7 + Allocator.REFINEMENT_EVALUATIONS, path.size());
        assertTrue(path.subList(6, path.size()).stream().allMatch(step -> step.averageBits() <= 5));
        assertEquals(path.get(path.size() - 1).accuracy(), outcome.result().accuracy());
        assertTrue(outcome.result().complete());
    }

    @Test
    void anInterruptAmongTheSensitivitiesAppliesNothing() {
        int[] calls = {0};
        Allocator.Outcome outcome = new Allocator(Units.space(4), assignment -> ++calls[0] == 6
                ? OptionalDouble.empty() : Units.measured().at(assignment), (done, total, detail) -> { }).run();

        assertEquals(Optional.empty(), outcome.best());
        AllocationResult result = outcome.result();
        assertFalse(result.complete());
        assertEquals(Units.BASELINE, result.baselineAccuracy());
        assertEquals(Map.of(), result.formats());
        assertTrue(Double.isNaN(result.averageBits()) && Double.isNaN(result.accuracy()));
        assertEquals(List.of(), result.path());
    }

    @Test
    void anInterruptOnThePathStillAppliesThePlansEnd() {
        int[] calls = {0};
        // 1 baseline, 12 sensitivities, the end, step 0, then the interrupt at step 1.
        Allocator.Outcome outcome = new Allocator(Units.space(4), assignment -> ++calls[0] == 16
                ? OptionalDouble.empty() : Units.measured().at(assignment), (done, total, detail) -> { }).run();

        assertEquals(Optional.of(Assignment.of(P2, P8, P8)), outcome.best());
        AllocationResult result = outcome.result();
        assertFalse(result.complete());
        assertEquals(List.of(0, 3), result.path().stream().map(AllocationStep::step).toList());
        assertTrue(result.averageBits() <= 4);
    }

    @Test
    void anInterruptBeforeTheBaselineHasNothing() {
        AllocationResult result = new Allocator(Units.space(4), assignment -> OptionalDouble.empty(), (done, total, detail) -> { })
                .run().result();
        assertFalse(result.complete());
        assertTrue(Double.isNaN(result.baselineAccuracy()));
    }

    private static Assignment assignmentOf(AllocationStep step) {
        List<String> units = List.of("big_W", "mid_W", "small_W");
        return Assignment.of(units.stream().mapToInt(tensor -> Units.CANDIDATES.stream().map(f -> f.name()).toList()
                .indexOf(step.formats().get(tensor))).toArray());
    }
}
