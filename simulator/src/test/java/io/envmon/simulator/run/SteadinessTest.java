package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadinessTest {

    @Test
    void figuresLeaveOutTheFirstAndTheLastSecond() {
        Steadiness s = Steadiness.of(1000, 930, new long[] {400, 1000, 960, 1010, 990, 120});
        assertEquals(4, s.seconds());
        assertEquals(960, s.min());
        assertEquals(1000, s.median());
        assertEquals(1010, s.max());
        assertTrue(s.held(), s.describe());
        assertTrue(s.describe().contains("achieved 930 readings/s (93.0 %)"), s.describe());
        assertTrue(s.describe().contains("min 960, median 1000, max 1010 readings; held steadily"), s.describe());
    }

    @Test
    void oneFullSecondBelow95PercentMeansNotHeld() {
        Steadiness s = Steadiness.of(1000, 980, new long[] {1000, 1000, 949, 1000, 1000});
        assertFalse(s.held());
        assertTrue(s.describe().contains("NOT held"), s.describe());
    }

    @Test
    void twoSecondsAreTooShortToJudge() {
        Steadiness s = Steadiness.of(1000, 1000, new long[] {1000, 1000});
        assertEquals(0, s.seconds());
        assertFalse(s.held());
        assertTrue(s.describe().contains("too short"), s.describe());
    }
}
