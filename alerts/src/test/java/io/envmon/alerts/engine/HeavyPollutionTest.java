package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.H01;
import static io.envmon.alerts.engine.Scenario.H02;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.HeavyPollutionRule;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * heavy_pollution: two hourly stations (expectedIntervalSeconds 3600, one reading per hour), PM2.5 200 µg/m³
 * (IAQI 250) for 48 h, then 300 (IAQI 350) for 48 h, then clean. The district value is the daily AQI of the
 * stations' mean 24-h means.
 */
class HeavyPollutionTest {

    private static Map<String, Double> air(double pm25) {
        return values("pm25", pm25, "pm10", 60, "so2", 10, "no2", 30, "co", 0.8, "o3", 60);
    }

    @Test
    void yellowOrangeRedThenLiftedAfter36ClearHours() {
        Scenario s = new Scenario();
        for (int h = 0; h < 150; h++) {
            double pm25 = h < 48 ? 200 : h < 96 ? 300 : 30;
            s.feed(H01, hour(h), air(pm25));
            s.feed(H02, hour(h), air(pm25));
        }
        List<AlertEvent> e = s.events(HeavyPollutionRule.ID);
        assertEquals(List.of("open:info", "escalated:info", "escalated:info", "resolved:info"),
                s.states(HeavyPollutionRule.ID));
        // day 0 and day 1 each need ≥ 20 hourly means: the first hour with both is hour 43
        assertEquals(hour(44), e.get(0).ts(), "yellow: AQI > 200 on two rolling days");
        assertEquals("48h", e.get(0).window());
        assertEquals(hour(68), e.get(1).ts(), "orange: three days > 200, one > 300");
        assertEquals("72h", e.get(1).window());
        assertEquals(hour(92), e.get(2).ts(), "red: four days > 200, two > 300");
        assertEquals("96h", e.get(2).window());
        // day 0 ≤ 200 (PM2.5 24-h mean ≤ 150) from hour 109; 36 clear hours later
        assertEquals(hour(145), e.get(3).ts());
        AlertEvent open = e.get(0);
        assertEquals("air", open.kind());
        assertEquals("district", open.site());
        assertNull(open.point());
        assertEquals("aqi", open.parameter());
        assertEquals(250.0, open.value());
        assertEquals(200.0, open.threshold());
        assertTrue(open.message().startsWith("太谷区 2026-11-28 20:00–2026-11-29 20:00（北京时间）24小时滚动AQI 250"
                + "（近2日：250, 250），达到重污染天气黄色预警条件"), open.message());
        assertTrue(open.message().contains("太谷区 rolling 24-h AQI 250 (2026-11-28 20:00–2026-11-29 20:00 Beijing time; "
                + "last 2 days: 250, 250): yellow"), open.message());
        assertTrue(open.message().contains("observed, not a forecast"), open.message());
        assertTrue(e.stream().allMatch(x -> x.id().equals(open.id())));
    }

    @Test
    void ozoneOverTheLimitCountsWithFewerThan14EightHourMeans() {
        // O3 measured only 10:00–17:59 (analyser down otherwise): at most 5 valid 8-h means a day, fewer than the
        // 14 HJ 663 asks for; at 400 µg/m³ (IAQI 226 under HJ 633-2026) they are over the 160 limit and still count
        Scenario s = new Scenario();
        for (int h = 0; h < 80; h++) {
            Map<String, Double> v = new LinkedHashMap<>(values("pm25", 30, "pm10", 60, "so2", 10,
                    "no2", 30, "co", 0.8));
            int beijingHour = h % 24; // Scenario.T0 is midnight Beijing time
            if (beijingHour >= 10 && beijingHour < 18) {
                v.put("o3", 400.0);
            }
            s.feed(H01, hour(h), v);
            s.feed(H02, hour(h), v);
        }
        List<AlertEvent> e = s.events(HeavyPollutionRule.ID);
        assertTrue(!e.isEmpty() && e.get(0).value() > 200, () -> "yellow on the O3 8-h maximum: " + e);
    }

    @Test
    void aRollingDayIsRatedByTheEditionInForceAtItsStart() {
        // PM2.5 150.4 µg/m³ from 2026-02-28 00:00 Beijing time: IAQI 201 under HJ 633-2012 (no input rounding), 200
        // under HJ 633-2026 (rounded to 150 first, §4.2.2). Day 1 has its 20 hourly means at 03-01 20:00; day 0
        // then began 02-28 20:00, before the switch, so both days are rated by 2012 and both are > 200: yellow
        Instant feb28 = OffsetDateTime.of(2026, 2, 28, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Scenario s = new Scenario();
        for (int h = 0; h < 48; h++) {
            s.feed(H01, feb28.plus(Duration.ofHours(h)), air(150.4));
            s.feed(H02, feb28.plus(Duration.ofHours(h)), air(150.4));
        }
        List<AlertEvent> e = s.events(HeavyPollutionRule.ID);
        assertEquals(List.of("open:info"), s.states(HeavyPollutionRule.ID), "yellow; day 0 rated by 2026 is 200");
        assertEquals(feb28.plus(Duration.ofHours(44)), e.get(0).ts(), "2026-03-01 20:00");
        assertEquals(201.0, e.get(0).value());
    }

    @Test
    void aShortEpisodeIsNotOne() {
        Scenario s = new Scenario();
        // 24 h at 220 µg/m³ (IAQI 270): aligned with a rolling day it is one day > 200; split over two, each
        // half-day mean (12 × 220 + 12 × 40) / 24 = 130 is IAQI 171. (At 300, two halves would both be > 200.)
        for (int h = 0; h < 80; h++) {
            double pm25 = h >= 20 && h < 44 ? 220 : 40;
            s.feed(H01, hour(h), air(pm25));
        }
        assertEquals(List.of(), s.states(HeavyPollutionRule.ID), "one rolling day over 200 is not two");
    }
}
