package io.github.slim4j.core.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The climb loop against a made-up accuracy, so that its logic is tested without a network. */
class ClimberTest {
    private static final SearchSpace SPACE = new SearchSpace(List.of("robust", "fragile", "small"),
            new long[] {20_000, 4_000, 500}, new long[] {0, 0, 0});
    private static final double[] SENSITIVITY = {0.05, 0.6, 0.3};

    /** 0.9 less each tensor's sensitivity times the cube of its sparsity, rounded to 1/1000 as 1,000 examples would be. */
    private static final class MadeUpAccuracy implements PointAccuracy {
        final Map<Point, Integer> calls = new HashMap<>();

        @Override
        public OptionalDouble at(Point point) {
            calls.merge(point, 1, Integer::sum);
            double accuracy = 0.9;
            for (int i = 0; i < SPACE.tensors(); i++) {
                double sparsity = SPACE.sparsities(point).get(SPACE.name(i));
                accuracy -= SENSITIVITY[i] * sparsity * sparsity * sparsity;
            }
            return OptionalDouble.of(Math.round(accuracy * 1000) / 1000.0);
        }
    }

    @Test
    void maxDropReachesAHighSparsityWithinTheDropPruningTheRobustTensorMost() {
        MadeUpAccuracy accuracy = new MadeUpAccuracy();
        List<String> details = new ArrayList<>();
        Climber.Outcome outcome = new Climber(SPACE, accuracy, 60, (done, total, detail) -> details.add(detail))
                .run(Climb.of(new SearchGoal.MaxDrop(0.01), SPACE));
        SearchResult result = outcome.result();

        assertTrue(result.complete());
        assertEquals(0.9, result.baselineAccuracy());
        assertTrue(result.bestAccuracy() >= 0.89, "accuracy " + result.bestAccuracy());
        assertTrue(result.bestSparsity() > 0.4, "sparsity " + result.bestSparsity());
        assertTrue(result.best().get("robust") > result.best().get("fragile"), result.best().toString());
        assertEquals(SPACE.sparsities(outcome.best()), result.best());
        assertSearchInvariants(result, accuracy, 60);
        assertTrue(result.path().get(0).accepted(), "the start is the model as given");
        assertEquals("step 0: sparsity 0.0%, accuracy 90.0% (best 0.0%, 90.0%)", details.get(0));
    }

    @Test
    void targetKeepsTheSparsityAndBeatsUniformPruningByMovingItToTheRobustTensor() {
        MadeUpAccuracy accuracy = new MadeUpAccuracy();
        Climber.Outcome outcome = new Climber(SPACE, accuracy, 60, ProgressListener.NONE)
                .run(Climb.of(new SearchGoal.TargetSparsity(0.6), SPACE));
        SearchResult result = outcome.result();

        assertTrue(result.complete());
        assertEquals(SPACE.targetEntries(0.6), outcome.best().total());
        SearchStep uniform = result.path().get(1);
        assertTrue(uniform.accepted());
        assertEquals(0.6, uniform.overallSparsity(), 0.5 / SPACE.entries());
        assertTrue(result.bestAccuracy() > uniform.accuracy(), result.bestAccuracy() + " vs " + uniform.accuracy());
        assertTrue(result.best().get("robust") > 0.6 && result.best().get("fragile") < 0.6, result.best().toString());
        assertFalse(result.path().get(0).accepted(), "the model as given is off the target");
        assertSearchInvariants(result, accuracy, 60);
    }

    @Property(tries = 50)
    void neverMeasuresAPointTwiceNorPastTheBudget(@ForAll @DoubleRange(min = 0.05, max = 0.95) double target,
            @ForAll @IntRange(min = 2, max = 40) int budget, @ForAll boolean byDrop) {
        MadeUpAccuracy accuracy = new MadeUpAccuracy();
        SearchGoal goal = byDrop ? new SearchGoal.MaxDrop(target / 10) : new SearchGoal.TargetSparsity(target);
        SearchResult result = new Climber(SPACE, accuracy, budget, ProgressListener.NONE).run(Climb.of(goal, SPACE)).result();
        assertSearchInvariants(result, accuracy, budget);
        assertTrue(result.complete());
    }

    @Test
    void anInterruptKeepsTheBestPointMeasuredSoFar() {
        MadeUpAccuracy madeUp = new MadeUpAccuracy();
        List<Point> measured = new ArrayList<>();
        PointAccuracy interruptedAtTheEighth = point -> {
            if (measured.size() == 7) {
                return OptionalDouble.empty();
            }
            measured.add(point);
            return madeUp.at(point);
        };
        Climber.Outcome outcome = new Climber(SPACE, interruptedAtTheEighth, 60, ProgressListener.NONE)
                .run(Climb.of(new SearchGoal.MaxDrop(0.01), SPACE));

        assertFalse(outcome.result().complete());
        assertEquals(7, outcome.result().path().size());
        Point sparsestFeasible = measured.stream()
                .filter(p -> madeUp.at(p).getAsDouble() >= 0.89)
                .max((a, b) -> Long.compare(a.total(), b.total())).orElseThrow();
        assertEquals(sparsestFeasible, outcome.best());
    }

    @Test
    void anInterruptDuringTheBaselineLeavesTheModelAsGiven() {
        Climber.Outcome outcome = new Climber(SPACE, point -> OptionalDouble.empty(), 60, ProgressListener.NONE)
                .run(Climb.of(new SearchGoal.TargetSparsity(0.5), SPACE));
        assertFalse(outcome.result().complete());
        assertEquals(SPACE.asGiven(), outcome.best());
        assertTrue(Double.isNaN(outcome.result().baselineAccuracy()));
        assertEquals(List.of(), outcome.result().path());
    }

    private static void assertSearchInvariants(SearchResult result, MadeUpAccuracy accuracy, int budget) {
        assertTrue(accuracy.calls.values().stream().allMatch(calls -> calls == 1), "a point measured twice");
        assertEquals(accuracy.calls.size(), result.path().size());
        assertTrue(result.path().size() <= budget, result.path().size() + " points on a budget of " + budget);
        for (int i = 0; i < result.path().size(); i++) {
            assertEquals(i, result.path().get(i).step());
        }
        assertEquals(SPACE.sparsities(SPACE.asGiven()), result.path().get(0).sparsities(), "the model as given first");
        assertTrue(result.path().stream().anyMatch(step -> step.sparsities().equals(result.best())
                && step.accuracy() == result.bestAccuracy()), "the best point is on the path");
    }
}
