package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.A02;
import static io.envmon.alerts.engine.Scenario.E001_DW001;
import static io.envmon.alerts.engine.Scenario.T0;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The air_daily records (日报, HJ 633 daily report) and the hourly records of sections and outlets. */
class DailyAqiRecordTest {

    private static final Map<String, Double> LOW = values("so2", 10, "no2", 30, "co", 0.8, "o3", 100, "pm10", 80);

    private static Map<String, Double> with(double pm25) {
        Map<String, Double> v = new LinkedHashMap<>(LOW);
        v.put("pm25", pm25);
        return v;
    }

    private static void day(Scenario s, MonitoredPoint p, double pm25) {
        for (int h = 0; h < 24; h++) {
            s.hourly(p, hour(h), with(pm25));
        }
    }

    private static List<DailyAqiRecord> of(Scenario s, String station) {
        return s.daily.stream().filter(r -> r.station().equals(station)).toList();
    }

    @Test
    void eachStationAndTheDistrictGetTheirDayOnceItCloses() {
        Scenario s = new Scenario();
        day(s, A01, 75);
        day(s, A02, 45);
        assertEquals(List.of(), s.daily, "the day is not closed before its last hour is");
        s.feed(A01, hour(24).plus(Duration.ofMinutes(5)), with(75));
        assertEquals(1, s.daily.size(), "A01 closed the day; the district waits for A02");
        s.feed(A02, hour(24).plus(Duration.ofMinutes(5)), with(45));

        DailyAqiRecord a01 = of(s, "TG-A01").get(0);
        assertEquals(T0, a01.dayStart(), "timestamp = 00:00 Beijing time");
        assertEquals(Instant.parse("2026-11-27T16:00:00Z"), a01.dayStart());
        assertEquals(LocalDate.of(2026, 11, 28), a01.day());
        assertEquals("HJ633-2026", a01.standard());
        // on the 24-h columns: PM2.5 75 → 100 + 50/55 × 15 = 113.6 → 114; PM10 80 → 50 + 50/70 × 30 = 71.4 → 72;
        // O3 max 8-h 100 → 50; SO2 10 → 10; NO2 30 → 37.5 → 38; CO 0.8 → 20
        assertEquals(OptionalInt.of(114), a01.aqi());
        assertEquals(OptionalInt.of(3), a01.category());
        assertEquals("pm25", a01.primaryCsv());
        assertEquals(Map.of("so2", 10, "no2", 38, "co", 20, "o3", 50, "pm10", 72, "pm25", 114), a01.iaqi());
        assertEquals(75.0, a01.means().get("pm25"), 1e-9);
        assertEquals(100.0, a01.means().get("o3"), 1e-9, "o3 = the daily maximum 8-h mean");

        // PM2.5 45 → 50 + 2 × 10 = 70 < PM10's 72
        DailyAqiRecord a02 = of(s, "TG-A02").get(0);
        assertEquals(OptionalInt.of(72), a02.aqi());
        assertEquals("pm10", a02.primaryCsv());

        // the district: the stations' daily values averaged, PM2.5 (75 + 45) / 2 = 60 → IAQI 100
        List<DailyAqiRecord> district = of(s, "district");
        assertEquals(1, district.size());
        assertEquals(OptionalInt.of(100), district.get(0).aqi());
        assertEquals(2, district.get(0).stations());
        assertEquals(60.0, district.get(0).means().get("pm25"), 1e-9);
        assertEquals(T0, district.get(0).dayStart());
    }

    @Test
    void lateDataForAClosedDayRedoTheStationAndTheDistrict() {
        Scenario s = new Scenario();
        day(s, A01, 75);
        s.feed(A01, hour(24).plus(Duration.ofMinutes(5)), with(75));
        s.tick(hour(24).plus(Duration.ofMinutes(6)));
        assertEquals(OptionalInt.of(114), of(s, "TG-A01").get(0).aqi());
        assertEquals(1, of(s, "district").size());
        s.clear();

        // hour 3 corrected: PM2.5 300 for the whole hour; the day mean becomes (23 × 75 + 300) / 24 = 84.375 → 84
        s.hourly(A01, hour(3), with(300));
        List<DailyAqiRecord> redone = of(s, "TG-A01");
        assertTrue(!redone.isEmpty(), "the station's day is redone at once (here once per late reading: the bench "
                + "answers each reload at once)");
        assertEquals(OptionalInt.of(122), redone.get(redone.size() - 1).aqi(), "100 + 50/55 × 24 = 121.8 → 122");
        s.tick(hour(24).plus(Duration.ofMinutes(40)));
        List<DailyAqiRecord> district = of(s, "district");
        assertEquals(OptionalInt.of(122), district.get(district.size() - 1).aqi(), "the district at the next tick");
    }

    @Test
    void aQuietStationsDayClosesByTheClock() {
        Scenario s = new Scenario();
        day(s, A01, 75);
        assertEquals(List.of(), s.daily);
        s.tick(hour(24).plus(Duration.ofMinutes(10)));
        assertEquals(OptionalInt.of(114), of(s, "TG-A01").get(0).aqi());
        assertTrue(of(s, "district").size() == 1);
    }

    @Test
    void sectionsAndOutletsGiveTheirHourlyMeans() {
        Scenario s = new Scenario();
        s.hourly(E001_DW001, hour(0), values("cod", 40, "nh3n", 3, "ph", 7.2, "flow", 20));
        s.feed(E001_DW001, hour(1).plus(Duration.ofMinutes(5)), values("cod", 40, "nh3n", 3, "ph", 7.2, "flow", 20));
        assertEquals(1, s.pointHours.size());
        PointHourRecord r = s.pointHours.get(0);
        assertEquals(E001_DW001, r.point());
        assertEquals(hour(0), r.hourStart());
        assertEquals(40.0, r.means().get("cod"), 1e-9);
        assertTrue(s.records.isEmpty() && s.daily.isEmpty(), "no AQI for an outlet");
    }
}
