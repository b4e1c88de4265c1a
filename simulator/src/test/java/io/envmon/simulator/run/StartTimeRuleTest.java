package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartTimeRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-28T04:00:30Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void atSpeedOneTheRunStartsNowRoundedDownToTheInterval() {
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), StartTimeRule.defaultStart(NOW, MINUTE, 1, Duration.ofMinutes(10), null));
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), StartTimeRule.defaultStart(NOW, MINUTE, 1, null, null));
    }

    @Test
    void aFastRunOfGivenDurationEndsAtTheWallClock() {
        // 10 wall minutes at 60x span 10 simulated hours; the run must end at NOW + 10 min
        Instant start = StartTimeRule.defaultStart(NOW, MINUTE, 60, Duration.ofMinutes(10), null);
        assertEquals(Instant.parse("2026-11-27T18:10:00Z"), start);
        assertEquals(NOW.plus(Duration.ofMinutes(10)).getEpochSecond() / 60, start.plus(Duration.ofHours(10)).getEpochSecond() / 60);
    }

    @Test
    void aCountedRunSpansCountIntervals() {
        // 120 readings of 1 minute at 60x: 2 simulated hours in 2 wall minutes
        assertEquals(Instant.parse("2026-11-28T02:02:00Z"), StartTimeRule.defaultStart(NOW, MINUTE, 60, null, 120L));
    }

    @Test
    void anUnboundedFastRunReplaysTheLastDay() {
        assertEquals(Instant.parse("2026-11-27T04:24:00Z"), StartTimeRule.defaultStart(NOW, MINUTE, 60, null, null));
    }

    @Test
    void slowMotionStartsNow() {
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), StartTimeRule.defaultStart(NOW, MINUTE, 0.5, Duration.ofHours(1), null));
    }
}
