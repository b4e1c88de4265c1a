package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyserCycleModelTest {

    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z"); // 08:00 Beijing time

    @Test
    void aFourHourAnalyserReportsOncePerCycleAndTheOthersEveryMinute() {
        ValueModel every = ts -> Map.of("nh3n", 2.5, "ph", 7.5);
        ValueModel cycled = new AnalyserCycleModel(every, Map.of("nh3n", Duration.ofHours(4)));
        List<Instant> nh3n = new ArrayList<>();
        int ph = 0;
        for (int m = 30; m < 9 * 60 + 30; m++) { // 00:30 to 09:29 UTC, one reading a minute
            Instant ts = START.plus(Duration.ofMinutes(m));
            Map<String, Double> v = cycled.valuesAt(ts);
            if (v.containsKey("nh3n")) {
                nh3n.add(ts);
            }
            ph += v.containsKey("ph") ? 1 : 0;
        }
        // the first reading of the run, then the first of each new cycle (04:00, 08:00 UTC = 12:00, 16:00 Beijing)
        assertEquals(List.of(START.plus(Duration.ofMinutes(30)), START.plus(Duration.ofHours(4)),
                START.plus(Duration.ofHours(8))), nh3n);
        assertEquals(9 * 60, ph, "pH in every reading");
    }

    @Test
    void withoutCyclesEveryParameterIsInEveryReading() {
        ValueModel every = ts -> Map.of("cod", 40.0);
        ValueModel cycled = new AnalyserCycleModel(every, Map.of());
        assertTrue(cycled.valuesAt(START).containsKey("cod"));
        assertTrue(cycled.valuesAt(START.plusSeconds(60)).containsKey("cod"));
    }
}
