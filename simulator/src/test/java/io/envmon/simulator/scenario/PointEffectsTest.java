package io.envmon.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.values.ValueModel;
import io.envmon.simulator.values.ValueModelFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scenario effects appear in the values the models generate, only inside their windows. */
class PointEffectsTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant START = Instant.parse("2026-11-20T00:00:00+08:00");
    private final ValueModelFactory models = new ValueModelFactory(REGISTRY, 1);

    @Test
    void enterpriseExceedanceHoldsCodAroundOnePointSixTimesTheLimitForThreeHours() throws Exception {
        List<Optional<PointEffects.Shaped>> out = play("E001/DW001", 300, ScenarioFilesTest.load("enterprise-exceedance"));
        for (int minute = 0; minute < 300; minute++) {
            double cod = out.get(minute).orElseThrow().reading().values().get("cod");
            if (minute >= 60 && minute < 240) {
                assertTrue(cod >= 155 && cod <= 165, "minute " + minute + ": cod " + cod);
            } else {
                assertTrue(cod < 100, "minute " + minute + ": cod " + cod + " should be under the permit limit");
            }
        }
    }

    @Test
    void deviceFaultsSilenceFlatlineFlagAndPutOutOfRange() throws Exception {
        ScenarioSet faults = ScenarioFilesTest.load("device-faults");
        List<Optional<PointEffects.Shaped>> a07 = play("TG-A07", 240, faults);
        assertEquals(30, a07.stream().filter(Optional::isEmpty).count());
        assertTrue(a07.get(119).isPresent() && a07.get(120).isEmpty() && a07.get(149).isEmpty() && a07.get(150).isPresent());

        List<Optional<PointEffects.Shaped>> a08 = play("TG-A08", 240, faults);
        double held = a08.get(60).orElseThrow().reading().values().get("pm25");
        assertTrue(a08.subList(60, 240).stream().allMatch(r -> r.orElseThrow().reading().values().get("pm25") == held));
        assertTrue(a08.subList(0, 60).stream().anyMatch(r -> r.orElseThrow().reading().values().get("pm25") != held));

        List<Optional<PointEffects.Shaped>> xyh = play("XYH-02", 240, faults);
        assertEquals("N", xyh.get(59).orElseThrow().reading().flagOf("ph"));
        assertEquals("M", xyh.get(60).orElseThrow().reading().flagOf("ph"));
        assertEquals("C", play("TG-A09", 40, faults).get(30).orElseThrow().reading().flagOf("pm25"));

        List<Optional<PointEffects.Shaped>> a10 = play("TG-A10", 240, faults);
        assertEquals(3, a10.stream().filter(r -> r.orElseThrow().rejected()).count());
        assertEquals(-5.0, a10.get(60).orElseThrow().reading().values().get("pm25"));
        assertFalse(a10.get(63).orElseThrow().rejected());
    }

    @Test
    void winterEpisodeRampsPm25UpToFourTimes() throws Exception {
        ScenarioSet winter = ScenarioFilesTest.load("winter-episode");
        MonitoredPoint point = point("TG-A01");
        ValueModel plain = models.create(point);
        PointEffects effects = winter.effectsFor(point, REGISTRY, START);
        Instant day3 = START.plus(Duration.ofHours(60));
        Instant atStart = START;
        double base = plain.valuesAt(atStart).get("pm25");
        assertEquals(base, effects.apply(new Reading(atStart, new ValueModelFactory(REGISTRY, 1).create(point).valuesAt(atStart)))
                .orElseThrow().reading().values().get("pm25"), 0.01);
        double raw = plain.valuesAt(day3).get("pm25");
        double scaled = effects.apply(new Reading(day3, java.util.Map.of("pm25", raw))).orElseThrow().reading().values().get("pm25");
        assertEquals(raw * 4, scaled, 0.01);
    }

    @Test
    void diluteRaisesO2AndFlowAndDilutesTheConcentrationsByTheSameAir() throws Exception {
        ScenarioSet set = new ScenarioSet(List.of(ScenarioFiles.parse("""
                name: d
                effects:
                  - {type: dilute, site: E004, outlet: DA001, value: 20.3, factor: 1.3, from: 1h, to: 2h}
                """, "d.yaml")));
        MonitoredPoint point = point("E004/DA001");
        PointEffects effects = set.effectsFor(point, REGISTRY, START);
        Instant ts = START.plus(Duration.ofMinutes(70));
        Reading r = new Reading(ts, java.util.Map.of("particulate", 20.0, "so2", 100.0, "o2", 10.0, "flow", 50000.0));
        Reading diluted = effects.apply(r).orElseThrow().reading();
        assertEquals(20.3, diluted.values().get("o2"));
        assertEquals(65000.0, diluted.values().get("flow"));
        assertEquals(Math.round(20.0 * 0.7 / 11 * 100) / 100.0, diluted.values().get("particulate"));
        assertEquals(Math.round(100.0 * 0.7 / 11 * 100) / 100.0, diluted.values().get("so2"));
        Reading before = new Reading(START, r.values());
        assertEquals(before, effects.apply(before).orElseThrow().reading(), "outside its window");
    }

    @Test
    void copySendsTheSourcesSeriesExactly() throws Exception {
        ScenarioSet set = new ScenarioSet(List.of(ScenarioFiles.parse("""
                name: c
                effects:
                  - {type: copy, site: E005, outlet: DA001, source: E011/DA001, from: 1h, to: 2h}
                """, "c.yaml")));
        set.check(REGISTRY);
        MonitoredPoint copier = point("E005/DA001");
        MonitoredPoint source = point("E011/DA001");
        ValueModel own = models.create(copier);
        ValueModel theirs = models.create(source);
        PointEffects effects = set.effectsFor(copier, REGISTRY, START, p -> new ValueModelFactory(REGISTRY, 1).create(p));
        for (int m = 0; m < 150; m++) {
            Instant ts = START.plus(Duration.ofMinutes(m));
            java.util.Map<String, Double> mine = own.valuesAt(ts);
            java.util.Map<String, Double> sourceValues = theirs.valuesAt(ts);
            java.util.Map<String, Double> sent = effects.apply(new Reading(ts, mine)).orElseThrow().reading().values();
            assertEquals(m >= 60 && m < 120 ? sourceValues : mine, sent, "minute " + m);
        }
    }

    @Test
    void aCopyFromAPointOfAnotherTypeIsRefused() throws Exception {
        ScenarioSet set = new ScenarioSet(List.of(ScenarioFiles.parse("""
                name: c
                effects:
                  - {type: copy, site: E005, outlet: DA001, source: TG-A01}
                """, "c.yaml")));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> set.check(REGISTRY));
        assertTrue(e.getMessage().contains("same type"), e.getMessage());
    }

    @Test
    void pointsNoEffectSelectsPassUnchanged() throws Exception {
        ScenarioSet set = ScenarioFilesTest.load("enterprise-exceedance", "device-faults");
        MonitoredPoint other = point("TG-A02");
        Reading r = new Reading(START.plus(Duration.ofHours(1)), models.create(other).valuesAt(START));
        assertEquals(r, set.effectsFor(other, REGISTRY, START).apply(r).orElseThrow().reading());
    }

    private List<Optional<PointEffects.Shaped>> play(String label, int minutes, ScenarioSet set) {
        MonitoredPoint point = point(label);
        ValueModel model = models.create(point);
        PointEffects effects = set.effectsFor(point, REGISTRY, START);
        List<Optional<PointEffects.Shaped>> out = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            Instant ts = START.plus(Duration.ofMinutes(m));
            out.add(effects.apply(new Reading(ts, model.valuesAt(ts))));
        }
        return out;
    }

    private static MonitoredPoint point(String label) {
        return REGISTRY.points().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
    }
}
