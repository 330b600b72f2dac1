package io.github.slim4j.core.prune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClimbTest {
    /** A big tensor and a small one, as an MLP's hidden and output weights. */
    private static final SearchSpace SPACE = new SearchSpace(List.of("big", "small"), new long[] {10_000, 100},
            new long[] {0, 0});

    private static Measured at(long big, long small, double accuracy) {
        return new Measured(Point.of(new long[] {big, small}), accuracy);
    }

    @Test
    void maxDropRaisesEachTensorByTheStepAndHalvesItWhenStuck() {
        SparsestWithinDrop climb = new SparsestWithinDrop(SPACE, 0.01);
        Point start = climb.start(at(0, 0, 0.9));
        assertEquals(SPACE.asGiven(), start);
        assertEquals(List.of(Point.of(new long[] {1000, 0}), Point.of(new long[] {0, 10})), climb.neighbours(start));
        assertTrue(climb.stuck());
        assertEquals(List.of(Point.of(new long[] {500, 0}), Point.of(new long[] {0, 5})), climb.neighbours(start));
        assertTrue(climb.stuck());
        assertTrue(climb.stuck());
        assertFalse(climb.stuck(), "0.1 / 16 is below 1%");
    }

    @Test
    void maxDropMovesWhereAccuracyIsCheapestPerSparsityGained() {
        SparsestWithinDrop climb = new SparsestWithinDrop(SPACE, 0.05);
        Measured current = at(0, 0, 0.90);
        climb.start(current);
        Measured bigMove = at(1000, 0, 0.88);
        Measured smallMove = at(0, 10, 0.899);
        // Per entry pruned the big move costs 0.02 / 1000, the small one 0.001 / 10: five times as much.
        assertEquals(Optional.of(bigMove), climb.choose(current, List.of(smallMove, bigMove)));
        Measured freeSmallMove = at(0, 10, 0.91);
        Measured freeBigMove = at(1000, 0, 0.90);
        assertEquals(Optional.of(freeBigMove), climb.choose(current, List.of(freeSmallMove, freeBigMove)),
                "both free: the larger gain");
    }

    @Test
    void maxDropNeverMovesPastTheAllowedDrop() {
        SparsestWithinDrop climb = new SparsestWithinDrop(SPACE, 0.01);
        Measured current = at(0, 0, 0.90);
        climb.start(current);
        assertEquals(Optional.empty(), climb.choose(current, List.of(at(1000, 0, 0.889), at(0, 10, 0.85))));
        Measured justInside = at(0, 10, 0.8905);
        assertEquals(Optional.of(justInside), climb.choose(current, List.of(at(1000, 0, 0.889), justInside)));
    }

    @Test
    void maxDropPrefersFeasibleThenSparserThenMoreAccurate() {
        SparsestWithinDrop climb = new SparsestWithinDrop(SPACE, 0.01);
        climb.start(at(0, 0, 0.90));
        assertTrue(climb.better(at(100, 0, 0.895), at(0, 0, 0.90)));
        assertFalse(climb.better(at(5000, 0, 0.80), at(0, 0, 0.90)), "infeasible");
        assertTrue(climb.better(at(100, 0, 0.899), at(100, 0, 0.895)));
        assertFalse(climb.better(at(0, 99, 0.90), at(100, 0, 0.895)));
    }

    @Test
    void targetMovesEachTensorBothWaysKeepingTheTotal() {
        BestAtTarget climb = new BestAtTarget(SPACE, 5050);
        Point start = climb.start(at(0, 0, 0.9));
        assertEquals(Point.of(new long[] {5000, 50}), start);
        // Moving the big tensor by 5% (500 entries) is more than the small one can take up either way.
        assertEquals(List.of(Point.of(new long[] {4995, 55}), Point.of(new long[] {5005, 45})), climb.neighbours(start));
    }

    @Test
    void targetMovesOnlyToAStrictlyBetterNeighbour() {
        BestAtTarget climb = new BestAtTarget(SPACE, 5050);
        Measured current = at(5000, 50, 0.85);
        assertEquals(Optional.empty(), climb.choose(current, List.of(at(5500, 0, 0.85), at(4995, 55, 0.80))));
        Measured better = at(4995, 55, 0.86);
        assertEquals(Optional.of(better), climb.choose(current, List.of(at(5500, 0, 0.85), better, at(5005, 45, 0.855))));
    }

    @Test
    void targetWidensTheStepWhenStuckAndNarrowsItAfterAMove() {
        BestAtTarget climb = new BestAtTarget(SPACE, 5050);
        Point start = climb.start(at(0, 0, 0.9));
        assertEquals(55, climb.neighbours(start).get(0).pruned(1));
        assertTrue(climb.stuck());
        assertEquals(60, climb.neighbours(start).get(0).pruned(1));
        assertTrue(climb.stuck());
        assertTrue(climb.stuck());
        assertEquals(90, climb.neighbours(start).get(0).pruned(1));
        assertFalse(climb.stuck(), "stuck at 40%");
        climb.moved();
        assertEquals(55, climb.neighbours(start).get(0).pruned(1));
    }

    @Test
    void targetPrefersTheTargetThenAccuracy() {
        BestAtTarget climb = new BestAtTarget(SPACE, 5050);
        assertTrue(climb.better(at(5000, 50, 0.5), at(0, 0, 0.9)), "the model as given is off the target");
        assertTrue(climb.better(at(5000, 50, 0.86), at(5050, 0, 0.85)));
        assertFalse(climb.better(at(5000, 50, 0.85), at(5050, 0, 0.85)));
    }
}
