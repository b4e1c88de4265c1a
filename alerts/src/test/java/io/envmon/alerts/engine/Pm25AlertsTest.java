package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.H01;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.AlertRulesConfigParser;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.Pm25DailyRule;
import io.envmon.alerts.rules.Pm25HourlyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pm25_1h_aqi and pm25_24h_limit through the engine, with minute data and event time as data. */
class Pm25AlertsTest {

    private static final String P = Pm25HourlyRule.ID;

    /** PM2.5 by hour at TG-A01 (others clean), then one reading at the next hour's 05:00 + 1 min to close it. */
    private static Scenario pm25Hours(Scenario s, Instant start, double... pm25) {
        for (int h = 0; h < pm25.length; h++) {
            s.hourly(A01, start.plus(Duration.ofHours(h)), values("pm25", pm25[h], "pm10", 40, "so2", 5, "no2", 20,
                    "co", 0.5, "o3", 50));
        }
        s.feed(A01, start.plus(Duration.ofHours(pm25.length)).plus(Duration.ofMinutes(6)), values("pm25", 1));
        return s;
    }

    @Test
    void opensEscalatesWithTheCategoryAndResolvesWithHysteresis() {
        // HJ 633-2026 IAQI: 40 → 58 良, 70 → 110 轻度, 130 → 172 中度, 180 → 230 重度, 90 → 128 轻度, 50 → 80 良
        Scenario s = pm25Hours(new Scenario(), hour(0), 40, 70, 130, 180, 90, 50, 50, 40);
        assertEquals(List.of("open:warning", "escalated:major", "escalated:critical", "resolved:critical"),
                s.states(P));
        List<AlertEvent> e = s.events(P);
        assertTrue(e.stream().allMatch(x -> x.id().equals(e.get(0).id())), "one alert, one ID");
        assertEquals(hour(1), e.get(0).startedAt(), "the start of the first hour over");
        assertEquals(hour(2), e.get(0).ts(), "known at the end of that hour");
        assertEquals(hour(7), e.get(3).ts(), "resolved after two hours at or below IAQI 90");
        assertEquals(70.0, e.get(0).value(), 1e-9);
        assertEquals(60.0, e.get(0).threshold(), "IAQI 100 is 60 µg/m³ under HJ 633-2026");
        assertEquals(150.0, e.get(2).threshold(), "重度 starts above 150 µg/m³");
        assertEquals("pm25", e.get(0).parameter());
        assertEquals("1h", e.get(0).window());
        assertEquals("µg/m³", e.get(0).unit());
        assertEquals("太谷区政府(TG-A01) 2026-11-28 01:00–02:00（北京时间）PM2.5 1小时均值 70 µg/m³，分指数 110，"
                        + "空气质量轻度污染（HJ633-2026） / TG-A01 PM2.5 1-h mean 70 µg/m³ (2026-11-28 01:00–02:00 "
                        + "Beijing time), IAQI 110: lightly polluted (HJ633-2026)",
                e.get(0).message());
        assertEquals("2026-11-27T17:00:00Z", e.get(0).startedAt().toString(), "the event's times stay UTC");
        assertTrue(e.get(2).message().contains("重度污染"), e.get(2).message());
        assertTrue(e.get(3).message().contains("告警解除"), e.get(3).message());
        assertTrue(s.engine.openAlerts().isEmpty());
    }

    @Test
    void theEditionInForceAtTheHourDecides() {
        // 70 µg/m³: IAQI 94 (良) under HJ 633-2012 (February 2026), 110 (轻度) under HJ 633-2026
        Instant feb = OffsetDateTime.of(2026, 2, 10, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        assertEquals(List.of(), pm25Hours(new Scenario(), feb, 70, 70).states(P));
        assertEquals(List.of("open:warning"), pm25Hours(new Scenario(), hour(0), 70, 70).states(P));
        // configured edition overrides the date
        AlertRulesConfig fixed2012 = new AlertRulesConfigParser().parse("standards: {aqi: HJ633-2012}", "t");
        assertEquals(List.of(), pm25Hours(new Scenario(fixed2012), hour(0), 70, 70).states(P));
    }

    @Test
    void aMeanJustOverTheCategoryEdgeDoesNotPrintAsTheEdge() {
        // HJ 633-2012 rates the input unrounded: 75.04 µg/m³ is IAQI 101 (轻度), and 75 would be 100 (良)
        Instant feb = OffsetDateTime.of(2026, 2, 10, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Scenario s = pm25Hours(new Scenario(), feb, 75.04);
        assertTrue(s.events(P).get(0).message().contains("PM2.5 1小时均值 75.04 µg/m³，分指数 101"),
                s.events(P).get(0).message());
    }

    @Test
    void a24HourMeanJustOverTheLimitIsShownOverIt() {
        Scenario s = new Scenario();
        for (int h = 0; h < 22; h++) {
            s.feed(H01, hour(h), values("pm25", 60.04));
        }
        AlertEvent e = s.events(Pm25DailyRule.ID).get(0);
        assertTrue(e.message().contains("PM2.5 24小时滑动均值 60.04 µg/m³，超过"), e.message());
    }

    @Test
    void a24HourMeanIsJudgedAtTheDecimalsItIsShownWith() {
        // 23 hours at 60 and one at 60.0001: the mean, 60.0000042, is 60 at the 4 decimals means keep; an alert
        // saying "60 exceeds the limit 60" would be a contradiction
        Scenario s = new Scenario();
        for (int h = 0; h < 30; h++) {
            s.feed(H01, hour(h), values("pm25", h == 3 ? 60.0001 : 60));
        }
        assertEquals(List.of(), s.states(Pm25DailyRule.ID));
    }

    @Test
    void aValueHoveringAtTheThresholdDoesNotFlap() {
        // 61 → IAQI 101 (轻度), 59 → 98 (良 but above 90: hold)
        Scenario s = pm25Hours(new Scenario(), hour(0), 61, 59, 61, 59, 62, 58, 61, 59, 60, 61);
        assertEquals(List.of("open:warning"), s.states(P));
        s.clear();
        pm25Hours(s, hour(11), 40, 40);
        assertEquals(List.of("resolved:warning"), s.states(P));
    }

    @Test
    void aMinimumDurationIgnoresASingleHourSpike() {
        AlertRulesConfig twoHours = new AlertRulesConfigParser().parse("rules: {pm25Hourly: {raiseAfterHours: 2}}", "t");
        assertEquals(List.of(), pm25Hours(new Scenario(twoHours), hour(0), 40, 120, 40, 120, 40).states(P));
        Scenario s = pm25Hours(new Scenario(twoHours), hour(0), 40, 120, 120, 40);
        assertEquals(List.of("open:major"), s.states(P));
        assertEquals(hour(1), s.events(P).get(0).startedAt(), "startedAt is the first hour of the run");
    }

    @Test
    void anInvalidHourIsNotJudged() {
        Scenario s = new Scenario();
        // 40 minutes of data: < 45 min, no valid 1-h mean (GB 3095 Table 4)
        for (int m = 0; m < 40; m++) {
            s.feed(A01, hour(0).plusSeconds(60L * m), values("pm25", 300));
        }
        s.feed(A01, hour(1).plus(Duration.ofMinutes(6)), values("pm25", 10));
        assertEquals(List.of(), s.states(P));
    }

    @Test
    void the24HourMeanOverTheGb3095LimitIsMajor() {
        // an hourly station (expectedIntervalSeconds 3600): one reading per hour is a full hour
        Scenario s = new Scenario();
        for (int h = 0; h < 40; h++) {
            s.feed(H01, hour(h), values("pm25", h < 24 ? 70 : 30));
        }
        List<AlertEvent> e = s.events(Pm25DailyRule.ID);
        assertEquals(List.of("open:major", "resolved:major"), s.states(Pm25DailyRule.ID));
        // valid from the 20th hourly mean (hours 0–19); 70 > 60 (GB 3095-2026 transitional, Grade II)
        assertEquals(hour(20), e.get(0).ts());
        assertEquals(60.0, e.get(0).threshold());
        assertEquals("24h", e.get(0).window());
        assertTrue(e.get(0).message().contains("GB3095-2026-transitional 二级浓度限值 60 µg/m³"), e.get(0).message());
        assertTrue(e.get(0).message().startsWith("小时站(TG-H01) 2026-11-27 20:00–2026-11-28 20:00（北京时间）"
                + "PM2.5 24小时滑动均值 70 µg/m³"), e.get(0).message());
        assertTrue(e.get(0).message().contains("(2026-11-27 20:00–2026-11-28 20:00 Beijing time)"), e.get(0).message());
        // 10 hours at 30: (14 × 70 + 10 × 30) / 24 = 53.3 ≤ 0.9 × 60
        assertEquals(hour(34), e.get(1).ts());
    }

    @Test
    void a24HourWindowIsJudgedByTheEditionInForceAtItsStart() {
        // 70 µg/m³ every hour from 2026-02-28 00:00 Beijing time: under the 2012 limit (75), over the 2026 one (60).
        // A window that began before 2026-03-01 00:00 holds data measured under GB 3095-2012 and is judged by it;
        // the first window judged by 2026 is 03-01 00:00–03-02 00:00, the same day as the first 2026 natural day
        Instant feb28 = OffsetDateTime.of(2026, 2, 28, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Instant mar2 = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Scenario s = new Scenario();
        for (int h = 0; h < 50; h++) {
            s.feed(H01, feb28.plus(Duration.ofHours(h)), values("pm25", 70));
        }
        List<AlertEvent> e = s.events(Pm25DailyRule.ID);
        assertEquals(List.of("open:major"), s.states(Pm25DailyRule.ID));
        assertEquals(mar2, e.get(0).ts(), "the window starting 2026-03-01 00:00");
        assertEquals(60.0, e.get(0).threshold());
    }

    @Test
    void the24HourLimitIs75UnderGb3095Of2012() {
        Instant feb = OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        Scenario s = new Scenario();
        for (int h = 0; h < 30; h++) {
            s.feed(H01, feb.plus(Duration.ofHours(h)), values("pm25", 70));
        }
        assertEquals(List.of(), s.states(Pm25DailyRule.ID));
    }
}
