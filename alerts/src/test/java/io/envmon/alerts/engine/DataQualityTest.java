package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.E001_DA001;
import static io.envmon.alerts.engine.Scenario.H01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfigParser;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.FlagDurationRule;
import io.envmon.alerts.rules.FlatlineRule;
import io.envmon.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** offline (wall clock, via onTick), flatline and the flag rules. */
class DataQualityTest {

    private static final String OFFLINE = "offline";
    private static final Map<String, Double> AIR = values("pm25", 35, "pm10", 60, "so2", 10, "no2", 30, "co", 0.8,
            "o3", 60);

    private static List<AlertEvent> offline(Scenario s, String site) {
        return s.events(OFFLINE).stream().filter(e -> e.site().equals(site)).toList();
    }

    @Test
    void aSilentPointGoesOfflineAfterThreeIntervalsAndComesBack() {
        Scenario s = new Scenario();
        s.tick(hour(0));
        for (int m = 0; m <= 10; m++) {
            s.feed(A01, hour(0).plusSeconds(60L * m), Scenario.wobble(AIR, m));
        }
        Instant last = hour(0).plus(Duration.ofMinutes(10));
        s.tick(last.plusSeconds(180));
        assertEquals(List.of(), offline(s, "TG-A01"), "3 minutes of silence is the threshold, not over it");
        s.tick(last.plusSeconds(190));
        List<AlertEvent> e = offline(s, "TG-A01");
        assertEquals(1, e.size());
        assertEquals("warning", e.get(0).severity().wire());
        assertEquals(last, e.get(0).startedAt(), "the newest reading's time");
        assertEquals(last.plusSeconds(190), e.get(0).ts(), "detected at the tick");
        assertEquals(3.0, e.get(0).threshold());
        assertEquals("instant", e.get(0).window());
        assertNull(e.get(0).parameter());
        assertEquals(3.1, e.get(0).value(), "minutes since the last arrival (00:10:03)");
        assertTrue(e.get(0).message().startsWith("太谷区政府(TG-A01) 已 3.1 分钟未收到数据（最新数据 北京时间 2026-11-28 "
                + "00:10；预期间隔 1 分钟，阈值 3 分钟） / TG-A01 silent for 3.1 min (newest reading 2026-11-28 00:10 "
                + "Beijing time;"), e.get(0).message());
        s.tick(last.plusSeconds(600));
        assertEquals(1, offline(s, "TG-A01").size(), "one alert while it stays silent");
        Instant back = hour(0).plus(Duration.ofMinutes(25));
        s.feed(A01, back, AIR, back.plusSeconds(2));
        e = offline(s, "TG-A01");
        assertEquals(List.of("open", "resolved"), e.stream().map(x -> x.state().wire()).toList());
        assertEquals(e.get(0).id(), e.get(1).id());
        assertTrue(e.get(1).message().contains("恢复上报"), e.get(1).message());
    }

    @Test
    void theRegistryIntervalAndNeverReportedPoints() {
        Scenario s = new Scenario();
        s.tick(hour(0));
        s.feed(H01, hour(0), AIR, hour(0).plusSeconds(5));
        s.tick(hour(0).plusSeconds(200));
        // registered points that never reported: after 3 minutes from the engine's first tick
        assertEquals(1, offline(s, "TG-A01").size());
        assertTrue(offline(s, "TG-A01").get(0).message().contains("起未收到任何数据"));
        assertEquals(hour(0), offline(s, "TG-A01").get(0).startedAt());
        // TG-H01 reports hourly (expectedIntervalSeconds 3600): silent after 3 h, not 3 min
        assertEquals(List.of(), offline(s, "TG-H01"));
        s.tick(hour(3).plusSeconds(4));
        assertEquals(List.of(), offline(s, "TG-H01"));
        s.tick(hour(3).plusSeconds(10));
        assertEquals(1, offline(s, "TG-H01").size());
    }

    @Test
    void neverReportedPointsCanBeLeftOut() {
        Scenario s = new Scenario(new AlertRulesConfigParser().parse(
                "rules: {offline: {includeNeverReported: false}}", "t"));
        s.tick(hour(0));
        s.tick(hour(1));
        assertEquals(List.of(), s.events(OFFLINE));
    }

    @Test
    void aStuckValueIsAFlatLine() {
        Scenario s = new Scenario();
        // PM2.5 stuck at 35.2 from 00:30 for 2 h 20 min, the other pollutants moving
        for (int m = 0; m < 200; m++) {
            Map<String, Double> v = new LinkedHashMap<>(Scenario.wobble(AIR, m));
            v.put("pm25", m >= 30 && m < 170 ? 35.2 : 30 + m % 7);
            s.feed(A01, hour(0).plusSeconds(60L * m), v);
        }
        List<AlertEvent> e = s.events(FlatlineRule.ID);
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(FlatlineRule.ID));
        assertEquals("pm25", e.get(0).parameter());
        assertEquals(hour(0).plus(Duration.ofMinutes(30)), e.get(0).startedAt(), "the first reading of the run");
        assertEquals(hour(2).plus(Duration.ofMinutes(30)), e.get(0).ts(), "after 2 h");
        assertEquals(35.2, e.get(0).value());
        assertEquals("2h", e.get(0).window());
        assertTrue(e.get(0).message().contains("自 2026-11-28 00:30（北京时间）起连续 2 小时 数值不变（35.2 µg/m³）"),
                e.get(0).message());
        assertTrue(e.get(0).message().contains("for 2 h since 2026-11-28 00:30 Beijing time"), e.get(0).message());
        assertEquals(hour(2).plus(Duration.ofMinutes(50)), e.get(1).ts(), "the first different value");
    }

    @Test
    void zerosAndUnlistedParametersAreNotFlatLines() {
        Scenario s = new Scenario();
        for (int m = 0; m < 200; m++) {
            Map<String, Double> v = new LinkedHashMap<>(Scenario.wobble(AIR, m));
            v.put("so2", 0.0);
            v.put("wind_dir", 270.0);
            s.feed(A01, hour(0).plusSeconds(60L * m), v);
        }
        assertEquals(List.of(), s.events(FlatlineRule.ID));
    }

    private static Reading stackReading(Instant ts, int m, Map<String, String> flags) {
        return new Reading(ts, Scenario.wobble(values("particulate", 10, "so2", 20, "nox", 50, "o2", 12), m), flags,
                null);
    }

    @Test
    void faultFlagsForHalfAnHourWarnAndMaintenanceForTwoHoursInforms() {
        Scenario s = new Scenario();
        for (int m = 0; m < 300; m++) {
            Map<String, String> flags = m >= 10 && m < 50 ? Map.of("nox", "D")
                    : m >= 60 && m < 190 ? Map.of("particulate", "M", "so2", "M", "nox", "C")
                    : m >= 200 && m < 220 ? Map.of("nox", "C") : Map.of();
            s.feed(E001_DA001, stackReading(hour(0).plusSeconds(60L * m), m, flags));
        }
        List<AlertEvent> fault = s.events(FlagDurationRule.FAULT);
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(FlagDurationRule.FAULT));
        assertEquals(hour(0).plus(Duration.ofMinutes(10)), fault.get(0).startedAt());
        assertEquals(hour(0).plus(Duration.ofMinutes(40)), fault.get(0).ts(), "after 30 minutes");
        assertEquals(hour(0).plus(Duration.ofMinutes(50)), fault.get(1).ts());
        assertTrue(fault.get(0).message().contains("故障/通讯异常标记（D/B）：氮氧化物"), fault.get(0).message());
        assertEquals("E001", fault.get(0).site());
        assertEquals("DA001", fault.get(0).point());
        List<AlertEvent> maintenance = s.events(FlagDurationRule.MAINTENANCE);
        assertEquals(List.of("open:info", "resolved:info"), s.states(FlagDurationRule.MAINTENANCE),
                "the 20-minute calibration later is normal");
        assertEquals(hour(3), maintenance.get(0).ts());
        assertTrue(maintenance.get(0).message().contains("颗粒物、二氧化硫、氮氧化物"), maintenance.get(0).message());
    }
}
