package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.A02;
import static io.envmon.alerts.engine.Scenario.E001_DW001;
import static io.envmon.alerts.engine.Scenario.XYH02;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.rules.PermitLimitRule;
import io.envmon.alerts.rules.Pm25HourlyRule;
import io.envmon.alerts.rules.PointRule;
import io.envmon.alerts.rules.PointView;
import io.envmon.alerts.rules.WaterClassRule;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Properties of the whole engine: idempotence, order independence, acknowledgement, restart, isolation. */
class LifecycleTest {

    private static final double[] EPISODE = {40, 70, 130, 180, 90, 50, 50, 40, 40};

    /** Minute readings of a PM2.5 episode at TG-A01 and a river section going to class V and back. */
    private static List<PointReading> episodeReadings() {
        List<PointReading> out = new ArrayList<>();
        for (int h = 0; h < EPISODE.length; h++) {
            for (int m = 0; m < 60; m++) {
                Instant ts = hour(h).plusSeconds(60L * m);
                out.add(new PointReading(A01, new Reading(ts, Scenario.wobble(values("pm25", EPISODE[h], "pm10", 40,
                        "so2", 5, "no2", 20, "co", 0.5, "o3", 50), m))));
                double nh3n = h >= 2 && h < 5 ? 1.6 : 0.5;
                out.add(new PointReading(XYH02, new Reading(ts, Scenario.wobble(values("ph", 7.5, "do", 7,
                        "codmn", 4, "nh3n", nh3n), m))));
            }
        }
        Instant close = hour(EPISODE.length).plus(Duration.ofMinutes(6));
        out.add(new PointReading(A01, new Reading(close, values("pm25", 40))));
        out.add(new PointReading(XYH02, new Reading(close, values("nh3n", 0.5))));
        return out;
    }

    private static Scenario play(List<PointReading> readings) {
        Scenario s = new Scenario();
        readings.forEach(r -> s.feed(r.point(), r.reading()));
        return s;
    }

    /** The last event of every alert, by ID. */
    private static Map<String, AlertEvent> lastById(List<AlertEvent> events) {
        Map<String, AlertEvent> out = new TreeMap<>();
        events.forEach(e -> out.put(e.id(), e));
        return out;
    }

    /** The last hourly AQI record of every (station, hour). */
    private static Map<Instant, HourlyAqiRecord> lastRecords(List<HourlyAqiRecord> records) {
        Map<Instant, HourlyAqiRecord> out = new TreeMap<>();
        records.forEach(r -> out.put(r.hourStart(), r));
        return out;
    }

    @Test
    void redeliveredReadingsEmitNothingNew() {
        List<PointReading> readings = episodeReadings();
        Scenario s = play(readings);
        assertFalse(s.events.isEmpty());
        s.clear();
        List<PointReading> again = new ArrayList<>(readings);
        Collections.shuffle(again, new Random(7));
        again.forEach(r -> s.feed(r.point(), r.reading()));
        assertEquals(List.of(), s.events);
        assertEquals(List.of(), s.records);
        assertEquals(readings.size(), s.engine.stats().duplicates());
    }

    @Test
    void outOfOrderReadingsGiveTheSameResultAsInOrder() {
        List<PointReading> readings = episodeReadings();
        Scenario inOrder = play(readings);
        for (long seed = 1; seed <= 3; seed++) {
            List<PointReading> shuffled = new ArrayList<>(readings);
            Collections.shuffle(shuffled, new Random(seed));
            Scenario s = play(shuffled);
            assertEquals(inOrder.engine.openAlerts(), s.engine.openAlerts());
            Map<String, AlertEvent> expected = lastById(inOrder.events);
            Map<String, AlertEvent> actual = lastById(s.events);
            // every alert of the in-order run ends in the same state; anything else the shuffled run raised on
            // incomplete hours was withdrawn
            expected.forEach((id, e) -> {
                AlertEvent a = actual.get(id);
                assertEquals(e.state(), a.state(), e.rule() + " " + e.parameter());
                assertEquals(e.severity(), a.severity(), e.rule() + " " + e.parameter());
                assertEquals(e.startedAt(), a.startedAt());
            });
            actual.forEach((id, a) -> assertTrue(expected.containsKey(id) || a.isResolved(), a.toString()));
            assertEquals(lastRecords(inOrder.records), lastRecords(s.records), "seed " + seed);
        }
    }

    @Test
    void acknowledgementByTheBureau() {
        Scenario s = new Scenario();
        List<PointReading> readings = episodeReadings();
        readings.subList(0, 2 * 60 * 2 + 1).forEach(r -> s.feed(r.point(), r.reading()));
        s.feed(A01, hour(2).plus(Duration.ofMinutes(6)), values("pm25", 130));
        AlertEvent open = s.engine.openAlerts().stream().filter(e -> e.rule().equals(Pm25HourlyRule.ID))
                .findFirst().orElseThrow();
        Instant at = hour(2).plus(Duration.ofMinutes(20));
        AlertEvent acked = s.engine.acknowledge(open.id(), "生态环境局 值班员", at).orElseThrow();
        assertEquals("生态环境局 值班员", acked.acknowledgedBy());
        assertEquals(open.state(), acked.state());
        assertEquals(acked, s.engine.alert(open.id()).orElseThrow());
        assertTrue(s.engine.openAlerts().contains(acked));
        assertTrue(s.engine.acknowledge("unknown", "x", at).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> s.engine.acknowledge(open.id(), " ", at));
    }

    @Test
    void aRestartViaRestoreGivesNoDuplicate() {
        List<PointReading> readings = episodeReadings();
        int cut = 60 * 2 * 4; // the alerts are open, escalated, at 04:00
        Scenario before = new Scenario();
        readings.subList(0, cut).forEach(r -> before.feed(r.point(), r.reading()));
        List<AlertEvent> open = before.engine.openAlerts();
        assertEquals(List.of(Pm25HourlyRule.ID, WaterClassRule.ID), open.stream().map(AlertEvent::rule).sorted().toList());
        // the water alert is acknowledged (the PM2.5 one will escalate, which clears an acknowledgement)
        int water = open.get(0).rule().equals(WaterClassRule.ID) ? 0 : 1;
        AlertEvent acked = before.engine.acknowledge(open.get(water).id(), "值班员", hour(4)).orElseThrow();
        List<AlertEvent> stored = new ArrayList<>(open);
        stored.set(water, acked);

        // the wiring reads the last event per open alert and the recent readings back from InfluxDB
        AlertEngine restarted = new AlertEngine(before.registry, AlertRulesConfig.defaults());
        assertEquals(Duration.ofHours(50), restarted.restoreDepth(SiteKind.WATER));
        assertEquals(Duration.ofHours(158), restarted.restoreDepth(SiteKind.AIR));
        EngineOutput restored = restarted.restore(stored, readings.subList(0, cut), hour(4).plusSeconds(30));
        assertEquals(List.of(), restored.events(), "nothing missed, nothing duplicated");
        assertEquals(before.engine.openAlerts(), restarted.openAlerts());
        assertTrue(restarted.alert(acked.id()).orElseThrow().isAcknowledged());

        // both continue with the same readings: the same events, same IDs
        Scenario a = new Scenario(before.registry, before.engine);
        Scenario b = new Scenario(before.registry, restarted);
        readings.subList(cut, readings.size()).forEach(r -> {
            a.feed(r.point(), r.reading());
            b.feed(r.point(), r.reading());
        });
        assertFalse(a.events.isEmpty());
        assertEquals(a.events, b.events);
        assertTrue(b.events.stream().anyMatch(e -> e.id().equals(acked.id()) && e.isResolved()
                && "值班员".equals(e.acknowledgedBy())), "the acknowledgement survived the restart");
    }

    @Test
    void aRestartResolvesAlertsOfSitesThatLeftTheRegistryAndResolvesOfflineAlertsThatCameBack() {
        Scenario before = new Scenario();
        before.tick(hour(0));
        before.tick(hour(0).plusSeconds(300));
        List<AlertEvent> offline = before.engine.openAlerts();
        assertTrue(offline.size() > 3);
        Registry smaller = RegistryFiles.parse("""
                air:
                  - {id: TG-A01, name: 太谷区政府}
                """, "smaller");
        AlertEngine restarted = new AlertEngine(smaller, AlertRulesConfig.defaults());
        List<PointReading> backAgain = List.of(new PointReading(A01, new Reading(hour(0).plusSeconds(400),
                values("pm25", 30))));
        EngineOutput out = restarted.restore(offline, backAgain, hour(0).plusSeconds(420));
        assertTrue(out.events().stream().allMatch(AlertEvent::isResolved));
        assertEquals(offline.size(), out.events().size());
        assertTrue(restarted.openAlerts().isEmpty());
        assertTrue(out.events().stream().filter(e -> !e.site().equals("TG-A01"))
                .allMatch(e -> e.message().contains("站点已不在登记表中")));
        assertThrows(IllegalStateException.class, () -> restarted.restore(List.of(), List.of(), hour(1)));
    }

    @Test
    void oldReadingsAndUnknownPointsAreSkippedWithAReason() {
        Scenario s = new Scenario();
        s.feed(A01, hour(30), values("pm25", 30));
        s.feed(A01, hour(3).plusSeconds(59 * 60), values("pm25", 30));
        s.feed(A01, hour(4), values("pm25", 30));
        MonitoredPoint unknown = new MonitoredPoint(SiteKind.AIR, "TG-X99", null, PointType.AIR_STATION);
        s.feed(unknown, hour(30), values("pm25", 30));
        assertEquals(List.of(SkippedReading.Reason.TOO_OLD, SkippedReading.Reason.UNKNOWN_POINT),
                s.skipped.stream().map(SkippedReading::reason).toList());
        assertEquals(Map.of("too_old", 1L, "unknown_point", 1L), s.engine.stats().skipped());
        assertEquals(2, s.engine.stats().accepted());
    }

    @Test
    void aFaultyRuleIsIsolatedAndCounted() {
        // a permit range with min = max makes PermitCheck throw for pH; COD is still judged
        Registry registry = RegistryFiles.parse(Scenario.REGISTRY.replace("ph: [6, 9]", "ph: [7, 7]"), "faulty");
        PointRule broken = new PointRule() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public Cadence cadence() {
                return Cadence.HOURLY;
            }

            @Override
            public boolean appliesTo(PointView view) {
                return true;
            }

            @Override
            public List<AlertKey> keys(PointView view) {
                return List.of(view.key("broken", null));
            }

            @Override
            public ObservationSeries observe(PointView view, AlertKey key) {
                throw new IllegalStateException("bug in a rule");
            }

            @Override
            public int rankOf(AlertEvent event, PointView view) {
                return 1;
            }
        };
        List<PointRule> rules = new ArrayList<>(List.of(broken));
        rules.addAll(AlertEngine.defaultRules());
        Scenario s = new Scenario(registry, new AlertEngine(registry, AlertRulesConfig.defaults(), rules));
        Map<String, Double> over = new LinkedHashMap<>(values("cod", 120, "nh3n", 3, "ph", 7.2, "flow", 100));
        s.hourly(E001_DW001, hour(0), over);
        s.feed(E001_DW001, hour(1).plus(Duration.ofMinutes(6)), over);
        assertEquals(List.of("open:critical"), s.states(PermitLimitRule.ID), "COD 120 > 100 still raised");
        assertEquals("cod", s.events(PermitLimitRule.ID).get(0).parameter());
        assertTrue(s.faults.stream().anyMatch(f -> f.rule().equals(PermitLimitRule.ID)
                && f.about().endsWith("/ph") && f.error().contains("needs min < max")), s.faults.toString());
        assertTrue(s.faults.stream().anyMatch(f -> f.rule().equals("broken") && f.error().contains("bug in a rule")));
        assertTrue(s.engine.stats().faults().get("broken") >= 1);
        // the other points' rules are not affected either
        s.hourly(A02, hour(0), values("pm25", 200));
        s.feed(A02, hour(1).plus(Duration.ofMinutes(6)), values("pm25", 200));
        assertEquals(List.of("open:critical"), s.states(Pm25HourlyRule.ID));
    }
}
