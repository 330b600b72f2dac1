package io.github.slim4j.core.prune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AgpScheduleTest {

    @Test
    void startsAtTheInitialSparsityAndEndsAtTheFinalOne() {
        AgpSchedule schedule = new AgpSchedule(0.1, 0.9, 8);
        assertEquals(0.1, schedule.at(0), 1e-15);
        assertEquals(0.9, schedule.at(8), 1e-15);
        assertEquals(8, schedule.targets().size());
        assertEquals(0.9, schedule.targets().get(7), 1e-15);
    }

    @Test
    void followsTheCubeOfTheStepsLeft() {
        // s_t = 0.8 + (0 - 0.8)(1 - t/4)^3: 0.8 - 0.8 * 27/64, 0.8 - 0.8/8, 0.8 - 0.8/64, 0.8
        List<Double> targets = new AgpSchedule(0, 0.8, 4).targets();
        assertEquals(0.4625, targets.get(0), 1e-15);
        assertEquals(0.7, targets.get(1), 1e-15);
        assertEquals(0.7875, targets.get(2), 1e-15);
        assertEquals(0.8, targets.get(3), 1e-15);
    }

    @Property
    void risesMonotonouslyAndFastestAtFirst(@ForAll @DoubleRange(min = 0, max = 1) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double b, @ForAll @IntRange(min = 2, max = 50) int steps) {
        AgpSchedule schedule = new AgpSchedule(Math.min(a, b), Math.max(a, b), steps);
        for (int t = 1; t <= steps; t++) {
            double rise = schedule.at(t) - schedule.at(t - 1);
            assertTrue(rise >= 0, "step " + t + " falls by " + -rise);
            if (t > 1) {
                double previousRise = schedule.at(t - 1) - schedule.at(t - 2);
                assertTrue(rise <= previousRise + 1e-12, "step " + t + " rises more than the one before");
            }
        }
    }

    @Test
    void badSchedulesAreNamed() {
        assertEquals("AGP needs 0 <= initial <= final <= 1, got initial 0.5, final 0.2",
                assertThrows(Slim4jException.class, () -> new AgpSchedule(0.5, 0.2, 4)).getMessage());
        assertEquals("AGP needs at least 1 step, got 0",
                assertThrows(Slim4jException.class, () -> new AgpSchedule(0, 0.5, 0)).getMessage());
    }
}
