package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.rules.FlatlineRule;
import io.envmon.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming engine: only the open hours' rows are held, and a reading for a closed hour is taken in by
 * reloading the point's stored readings (the caller answers from InfluxDB; here from what was fed).
 */
class StreamingTest {

    private static final Map<String, Double> AIR = values("pm25", 100, "pm10", 40, "so2", 5, "no2", 20, "co", 0.5,
            "o3", 50);

    private static Map<String, Double> pm25(double v) {
        Map<String, Double> m = new LinkedHashMap<>(AIR);
        m.put("pm25", v);
        return m;
    }

    @Test
    void aDayOfMinuteDataLeavesOnlyTheOpenHoursRowsInMemory() {
        Scenario s = new Scenario();
        for (int h = 0; h < 26; h++) {
            s.hourly(A01, hour(h), AIR);
        }
        s.feed(A01, hour(26).plus(Duration.ofMinutes(6)), AIR);
        assertTrue(s.engine.stats().retainedReadings() <= 7, "rows of the open hour only: "
                + s.engine.stats().retainedReadings());
        assertEquals(26, s.records.stream().map(HourlyAqiRecord::hourStart).distinct().count(), "every hour rated");
    }

    @Test
    void aLateReadingForAClosedHourAsksOnceForTheStoredReadingsAndTakesInWhatCameMeanwhile() {
        AlertEngine engine = new AlertEngine(new Scenario().registry, AlertRulesConfig.defaults());
        List<Reading> stored = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            Reading r = new Reading(hour(0).plusSeconds(60L * m), Scenario.wobble(pm25(100), m));
            stored.add(r);
            engine.onReading(A01, r, r.ts().plusSeconds(3));
        }
        Reading closing = new Reading(hour(1).plus(Duration.ofMinutes(6)), pm25(100));
        stored.add(closing);
        EngineOutput closed = engine.onReading(A01, closing, closing.ts());
        assertEquals(List.of(137), closed.hourlyAqi().stream().map(r -> r.aqi().getAsInt()).toList());

        // the last ten minutes of hour 0 arrive late: the first asks for a reload, the others wait for it
        List<ReloadRequest> asked = new ArrayList<>();
        for (int m = 50; m < 60; m++) {
            Reading r = new Reading(hour(0).plusSeconds(60L * m), pm25(400));
            if (m < 55) {
                stored.add(r); // stored before the reload's query ran; the other five after it
            }
            EngineOutput out = engine.onReading(A01, r, closing.ts().plusSeconds(m));
            asked.addAll(out.reloads());
            assertTrue(out.hourlyAqi().isEmpty(), "nothing judged before the reload");
        }
        assertEquals(1, asked.size(), "one outstanding reload per point");
        assertEquals(A01, asked.get(0).point());
        EngineOutput reloaded = engine.onReload(A01, asked.get(0).from(), stored, closing.ts().plusSeconds(90));
        HourlyAqiRecord last = reloaded.hourlyAqi().get(reloaded.hourlyAqi().size() - 1);
        assertEquals(hour(0), last.hourStart());
        assertEquals(150.0, last.means().get("pm25"), 1e-9, "all ten late readings counted, once each");
        assertEquals(200, last.aqi().getAsInt());
        assertTrue(reloaded.reloads().isEmpty());
    }

    @Test
    void aFailedReloadIsAskedForAgainAtTheNextTick() {
        AlertEngine engine = new AlertEngine(new Scenario().registry, AlertRulesConfig.defaults());
        for (int m = 0; m < 60; m++) {
            engine.onReading(A01, new Reading(hour(0).plusSeconds(60L * m), Scenario.wobble(AIR, m)),
                    hour(0).plusSeconds(60L * m + 3));
        }
        engine.onReading(A01, new Reading(hour(1).plus(Duration.ofMinutes(6)), AIR), hour(1).plusSeconds(363));
        EngineOutput late = engine.onReading(A01, new Reading(hour(0).plusSeconds(30), AIR), hour(1).plusSeconds(400));
        assertEquals(1, late.reloads().size());
        engine.reloadFailed(A01);
        EngineOutput tick = engine.onTick(hour(1).plusSeconds(410));
        assertEquals(late.reloads(), tick.reloads(), "asked again");
        assertTrue(engine.onTick(hour(1).plusSeconds(420)).reloads().isEmpty(), "once while outstanding");
    }

    @Test
    void aFlatLineSeenOutOfOrderInTheOpenHourIsTheSameAsInOrder() {
        // PM2.5 stuck at 35.2 for 2 h 10 min, the minute readings of each hour arriving in reverse
        List<Instant> order = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            for (int m = 59; m >= 0; m--) {
                order.add(hour(h).plusSeconds(60L * m));
            }
        }
        Scenario s = new Scenario();
        for (Instant ts : order) {
            int minute = (int) Duration.between(hour(0), ts).toMinutes();
            Map<String, Double> v = new LinkedHashMap<>(Scenario.wobble(AIR, minute));
            v.put("pm25", minute >= 20 && minute < 150 ? 35.2 : 30 + minute % 7);
            s.feed(A01, ts, v, ts.plus(Duration.ofMinutes(70)));
        }
        s.tick(hour(3).plus(Duration.ofMinutes(10))); // the service ticks every 10 s: the pending rewind is done
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(FlatlineRule.ID));
        assertEquals(hour(0).plus(Duration.ofMinutes(20)), s.events(FlatlineRule.ID).get(0).startedAt());
        // the out-of-order rows are stepped over once, in order, so the run raises where it would have in order
        assertEquals(hour(2).plus(Duration.ofMinutes(20)), s.events(FlatlineRule.ID).get(0).ts());
        assertEquals(hour(2).plus(Duration.ofMinutes(30)), s.events(FlatlineRule.ID).get(1).ts());
    }
}
