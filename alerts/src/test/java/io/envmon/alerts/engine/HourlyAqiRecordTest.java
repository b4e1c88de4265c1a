package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The air_hourly records (CONTRACT §4) the engine gives out as hours close. */
class HourlyAqiRecordTest {

    private static final Map<String, Double> LOW = values("so2", 10, "no2", 30, "co", 0.8, "o3", 100, "pm10", 80);

    private static Map<String, Double> with(double pm25) {
        Map<String, Double> v = new java.util.LinkedHashMap<>(LOW);
        v.put("pm25", pm25);
        return v;
    }

    @Test
    void pm25Of100WithOthersLowIsAqi137Under2026() {
        Scenario s = new Scenario();
        s.hourly(A01, hour(0), with(100));
        assertEquals(List.of(), s.records, "the hour is not closed before grace");
        s.feed(A01, hour(1).plus(Duration.ofMinutes(5)), with(100));
        assertEquals(1, s.records.size());
        HourlyAqiRecord r = s.records.get(0);
        assertEquals("TG-A01", r.station());
        assertEquals(hour(0), r.hourStart(), "timestamp = start of the hour");
        assertEquals("HJ633-2026", r.standard());
        assertEquals(OptionalInt.of(137), r.aqi());
        assertEquals(OptionalInt.of(3), r.category());
        assertEquals("pm25", r.primaryCsv());
        // SO2 10 → 4, NO2 30 → 15, CO 0.8 → 8, O3 100 → 32, PM10 80 → 72 (2026), PM2.5 100 → 137
        assertEquals(Map.of("so2", 4, "no2", 15, "co", 8, "o3", 32, "pm10", 72, "pm25", 137), r.iaqi());
        assertEquals(100.0, r.means().get("pm25"));
        assertEquals(80.0, r.means().get("pm10"));
    }

    @Test
    void aMissingPollutantWithAqiAtMost100IsNaUnder2026() {
        Scenario s = new Scenario();
        s.hourly(A01, hour(0), LOW);
        s.feed(A01, hour(1).plus(Duration.ofMinutes(5)), LOW);
        HourlyAqiRecord r = s.records.get(0);
        assertEquals(OptionalInt.empty(), r.aqi(), "HJ 633-2026 §5.3: PM2.5 missing and AQI of the others ≤ 100");
        assertEquals(OptionalInt.empty(), r.category());
        assertEquals(72, r.iaqi().get("pm10"));
        assertEquals("", r.primaryCsv());
    }

    @Test
    void lateReadingsReEvaluateTheHourAndGiveTheSameHourAgain() {
        Scenario s = new Scenario();
        for (int m = 0; m < 50; m++) {
            s.feed(A01, hour(0).plusSeconds(60L * m), with(100));
        }
        s.feed(A01, hour(1).plus(Duration.ofMinutes(5)), with(100));
        assertEquals(List.of(137), s.records.stream().map(r -> r.aqi().getAsInt()).toList());
        // the last ten minutes arrive late, much higher
        for (int m = 50; m < 60; m++) {
            s.feed(A01, hour(0).plusSeconds(60L * m), with(400));
        }
        HourlyAqiRecord last = s.records.get(s.records.size() - 1);
        assertEquals(hour(0), last.hourStart());
        assertEquals(150.0, last.means().get("pm25"), 1e-9);
        assertEquals(OptionalInt.of(200), last.aqi());
        int before = s.records.size();
        for (int m = 50; m < 60; m++) {
            s.feed(A01, hour(0).plusSeconds(60L * m), with(400));
        }
        assertEquals(before, s.records.size(), "redelivered late readings change nothing");
    }

    @Test
    void hj2012RatesParticlesOnThe24HourSlidingMeanWhenThereIsOne() {
        Instant feb = OffsetDateTime.of(2026, 2, 10, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Scenario s = new Scenario();
        s.hourly(A01, feb, with(100));
        s.feed(A01, feb.plus(Duration.ofMinutes(65)), with(100));
        HourlyAqiRecord r = s.records.get(0);
        assertEquals("HJ633-2012", r.standard());
        // no valid sliding mean yet: PM rated on the 1-h mean, 2012 breakpoints (75 → 100): 100 → 132
        assertEquals(OptionalInt.of(132), r.aqi());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("PM2.5: no valid 24-h sliding mean")), r.notes().toString());
    }
}
