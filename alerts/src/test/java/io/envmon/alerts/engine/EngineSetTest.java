package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.A01;
import static io.envmon.alerts.engine.Scenario.A02;
import static io.envmon.alerts.engine.Scenario.E001_DA001;
import static io.envmon.alerts.engine.Scenario.E002_DA001;
import static io.envmon.alerts.engine.Scenario.XYH02;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Several engines, each on its part of the registry, judge as one engine on the whole (docs/scale-out.md). */
class EngineSetTest {

    private final Registry registry = RegistryFiles.parse(Scenario.REGISTRY, "test");
    private final AlertRulesConfig config = AlertRulesConfig.defaults();
    private final EvaluationGroups groups = new EvaluationGroups(registry, config);

    @Test
    void theAirStationsAreOneGroupAndTheCopiedSeriesOutletsAnother() {
        assertEquals(EvaluationGroups.AIR_DISTRICT, groups.groupOf(A01));
        assertEquals(EvaluationGroups.AIR_DISTRICT, groups.groupOf(A02));
        assertEquals("water/XYH-02", groups.groupOf(XYH02));
        assertEquals(EvaluationGroups.COPIED_SERIES, groups.groupOf(E001_DA001),
                "integrity_copied_series is on by default and compares every outlet with every other");
        assertEquals(EvaluationGroups.AIR_DISTRICT, groups.groupOf(new AlertEvent("x", "air", "TG-DISTRICT", null,
                "heavy_pollution", io.envmon.alerts.event.Severity.MAJOR, AlertState.OPEN, null, null, null, null,
                null, hour(0), hour(0), "m", null, null)), "the district's alert goes with its stations");
    }

    @Test
    void anEngineOnPartOfTheRegistryNeverJudgesTheOtherPoints() {
        AlertEngine water = new AlertEngine(registry, config, p -> p.equals(XYH02));
        EngineOutput out = water.onReading(A01, new Reading(hour(0), values("pm25", 30)), hour(0));
        assertEquals(SkippedReading.Reason.UNKNOWN_POINT, out.skipped().get(0).reason());
        water.onTick(hour(0));
        List<AlertEvent> events = water.onTick(hour(5)).events();
        assertTrue(events.stream().allMatch(e -> e.site().equals("XYH-02")), events.toString());
    }

    @Test
    void enginesPerUnitRaiseWhatOneEngineRaises() {
        EngineSet parts = EngineSet.partitioned(p -> unit(groups.groupOf(p)), e -> unit(groups.groupOf(e)),
                u -> new AlertEngine(registry, config, p -> unit(groups.groupOf(p)) == u));
        assertNotEquals(unit(groups.groupOf(E002_DA001)), unit(groups.groupOf(XYH02)), "two units are used");
        parts.adopt(0, List.of(), List.of(), hour(0));
        parts.adopt(1, List.of(), List.of(), hour(0));
        Scenario whole = new Scenario();
        whole.engine.restore(List.of(), List.of(), hour(0));
        List<AlertEvent> fromParts = new ArrayList<>();
        List<PointReading> fed = new ArrayList<>();
        for (int minute = 0; minute < 5 * 60 + 6; minute++) {
            Instant ts = hour(0).plus(Duration.ofMinutes(minute));
            int h = minute / 60;
            feed(whole, parts, fromParts, fed, E002_DA001, new Reading(ts, stack(h == 2 ? 31 : 20)));
            feed(whole, parts, fromParts, fed, XYH02, new Reading(ts, river(h >= 1 && h <= 3 ? 2.5 : 0.4)));
        }
        assertFalse(whole.events.isEmpty());
        assertEquals(ids(whole.events), ids(fromParts));
    }

    @Test
    void readingEveryPointAgainOpensNothingTwice() {
        Scenario s = new Scenario();
        s.engine.restore(List.of(), List.of(), hour(0));
        for (int minute = 0; minute < 3 * 60 + 6; minute++) {
            s.feed(E002_DA001, hour(0).plus(Duration.ofMinutes(minute)), stack(minute >= 60 ? 31 : 20));
        }
        assertTrue(s.events.stream().anyMatch(e -> e.state() == AlertState.OPEN), s.events.toString());
        s.clear();
        EngineOutput again = s.engine.reloadEveryPoint();
        assertFalse(again.reloads().isEmpty());
        s.collect(again);
        assertTrue(s.events.stream().noneMatch(e -> e.state() == AlertState.OPEN), s.events.toString());
    }

    @Test
    void readingEveryPointAgainDoesNotOpenAFlatLineTwice() {
        Scenario s = new Scenario();
        s.engine.restore(List.of(), List.of(), hour(0));
        Map<String, Double> air = values("pm10", 60, "no2", 30, "so2", 10, "co", 0.8, "o3", 60);
        for (int m = 0; m < 200; m++) {
            Map<String, Double> v = new java.util.LinkedHashMap<>(Scenario.wobble(air, m));
            v.put("pm25", m >= 30 ? 35.2 : 30 + m % 7);
            s.feed(A01, hour(0).plusSeconds(60L * m), v);
            if (m == 160 || m == 190) {
                s.collect(s.engine.reloadEveryPoint());
            }
        }
        assertEquals(List.of("open:warning"), s.states(io.envmon.alerts.rules.FlatlineRule.ID));
    }

    @Test
    void aRebuildGivenTheResolvedEventsDoesNotHandOutAnEndedEpisodeAgain() {
        Scenario s = new Scenario();
        s.engine.restore(List.of(), List.of(), hour(0));
        Map<String, Double> air = values("pm10", 60, "no2", 30, "so2", 10, "co", 0.8, "o3", 60);
        for (int m = 0; m < 260; m++) {
            Map<String, Double> v = new java.util.LinkedHashMap<>(Scenario.wobble(air, m));
            v.put("pm25", m >= 30 && m < 170 ? 35.2 : 30 + m % 7);
            s.feed(A01, hour(0).plusSeconds(60L * m), v);
        }
        List<AlertEvent> flatline = s.events(io.envmon.alerts.rules.FlatlineRule.ID);
        assertEquals(List.of("open:warning", "resolved:warning"), s.states(io.envmon.alerts.rules.FlatlineRule.ID));
        Instant later = hour(0).plusSeconds(60L * 261);
        List<AlertEvent> without = new AlertEngine(registry, config).restore(List.of(), s.fed, later).events();
        assertEquals(2, without.size(), "only the open alerts given: the ended episode comes out again " + without);
        List<AlertEvent> with = new AlertEngine(registry, config)
                .restore(List.of(flatline.get(flatline.size() - 1)), s.fed, later).events();
        assertEquals(List.of(), with);
    }

    private static void feed(Scenario whole, EngineSet parts, List<AlertEvent> fromParts, List<PointReading> fed,
                             MonitoredPoint p, Reading r) {
        Instant now = r.ts().plus(Scenario.ARRIVAL_DELAY);
        whole.feed(p, r, now);
        fed.add(new PointReading(p, r));
        EngineOutput out = parts.onReading(p, r, now);
        fromParts.addAll(out.events());
        for (ReloadRequest reload : out.reloads()) {
            fromParts.addAll(parts.onReload(reload.point(), reload.from(), fed.stream()
                    .filter(x -> x.point().equals(reload.point())).map(PointReading::reading).toList(), now).events());
        }
    }

    private static int unit(String group) {
        return group.startsWith("water") ? 1 : 0;
    }

    private static TreeSet<String> ids(List<AlertEvent> events) {
        TreeSet<String> out = new TreeSet<>();
        events.forEach(e -> out.add(e.id() + " " + e.state().wire() + " " + e.ts()));
        return out;
    }

    private static Map<String, Double> stack(double particulate) {
        return values("particulate", particulate, "so2", 20, "nox", 50, "o2", 15, "flow", 50000, "temp", 120);
    }

    private static Map<String, Double> river(double nh3n) {
        return values("ph", 7.5, "do", 7, "codmn", 4, "nh3n", nh3n, "tp", 0.15, "temp", 12);
    }
}
