package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A month replayed weeks after it happened: the readings' event time is far behind the wall clock. When a point's
 * readings wait behind others' (the engine's queue after a burst) it looks quiet to the tick for longer than the
 * grace, and the tick closes its hours up to the wall clock. Its readings that come next must still rate every hour.
 */
class ReplayBehindWallClockTest {

    private static final Map<String, Double> AIR = values("pm25", 100, "pm10", 40, "so2", 5, "no2", 20, "co", 0.5,
            "o3", 50);

    @Test
    void hoursClosedEarlyByTheTickAreRatedOnceTheirReadingsCome() {
        Scenario s = new Scenario();
        Instant wall = hour(0).plus(Duration.ofDays(30));
        for (int m = 0; m < 20; m++) {
            s.feed(A01, hour(0).plus(Duration.ofMinutes(m)), Scenario.wobble(AIR, m), wall);
        }
        // the point's next readings wait in a queue: the tick finds it quiet past the grace
        s.tick(wall.plus(Duration.ofMinutes(6)));
        Instant later = wall.plus(Duration.ofMinutes(7));
        for (int m = 20; m < 60 * 4; m++) {
            s.feed(A01, hour(0).plus(Duration.ofMinutes(m)), Scenario.wobble(AIR, m), later);
        }
        s.tick(later.plus(Duration.ofMinutes(6)));
        List<Instant> rated = s.records.stream().filter(r -> r.aqi().isPresent()).map(HourlyAqiRecord::hourStart)
                .distinct().sorted().toList();
        assertEquals(List.of(hour(0), hour(1), hour(2), hour(3)), rated);
    }
}
