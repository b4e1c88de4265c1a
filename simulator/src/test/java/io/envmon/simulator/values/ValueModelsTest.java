package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueModelsTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant LATE_NOVEMBER = Instant.parse("2026-11-27T16:00:00Z");

    @Test
    void theSameSeedAndStartGiveTheSameValues() {
        assertEquals(series(1, LATE_NOVEMBER, Duration.ofMinutes(1), 240), series(1, LATE_NOVEMBER, Duration.ofMinutes(1), 240));
    }

    @Test
    void anotherSeedGivesOtherValues() {
        assertNotEquals(series(1, LATE_NOVEMBER, Duration.ofMinutes(1), 10), series(2, LATE_NOVEMBER, Duration.ofMinutes(1), 10));
    }

    /** Shared fields (weather, rain, regional air, production schedules) must not make the order matter. */
    @Test
    void aPointsValuesDoNotDependOnTheOtherPoints() {
        List<MonitoredPoint> points = REGISTRY.points();
        ValueModelFactory shared = new ValueModelFactory(REGISTRY, 9);
        List<ValueModel> all = points.stream().map(shared::create).toList();
        Map<Integer, ValueModel> alone = new HashMap<>();
        for (int pick : new int[] {3, 12, 40, points.size() - 1}) {
            alone.put(pick, new ValueModelFactory(REGISTRY, 9).create(points.get(pick)));
        }
        for (int i = 0; i < 60; i++) {
            Instant ts = LATE_NOVEMBER.plusSeconds(60L * i);
            // the others first, in reverse order
            for (int k = all.size() - 1; k >= 0; k--) {
                Map<String, Double> values = all.get(k).valuesAt(ts);
                if (alone.containsKey(k)) {
                    assertEquals(alone.get(k).valuesAt(ts), values);
                }
            }
        }
    }

    /** Every point, a simulated week every 15 minutes, in late November, midsummer and midwinter. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T16:00:00Z", "2026-07-10T00:00:00Z", "2027-01-15T00:00:00Z"})
    void aWeekOfValuesStaysInsideThePhysicalRangesAndThePlausibleOnes(String start) {
        ValueModelFactory factory = new ValueModelFactory(REGISTRY, 5);
        Instant from = Instant.parse(start);
        for (MonitoredPoint point : REGISTRY.points()) {
            ValueModel model = factory.create(point);
            Outlet outlet = outlet(point);
            for (int step = 0; step < 7 * 24 * 4; step++) {
                Plausible.check(point, outlet, model.valuesAt(from.plus(Duration.ofMinutes(15L * step))));
            }
        }
    }

    @Test
    void pm25IsHigherAtNightThanInTheAfternoonInWinter() {
        ValueModelFactory factory = new ValueModelFactory(REGISTRY, 3);
        double night = 0;
        double afternoon = 0;
        for (MonitoredPoint station : REGISTRY.points().subList(0, 10)) {
            ValueModel model = factory.create(station);
            for (int day = 0; day < 14; day++) {
                Instant midnightLocal = Instant.parse("2026-11-20T16:00:00Z").plus(Duration.ofDays(day));
                for (int minute = 0; minute < 24 * 60; minute += 10) {
                    Instant ts = midnightLocal.plus(Duration.ofMinutes(minute));
                    double pm25 = model.valuesAt(ts).get("pm25");
                    int hour = minute / 60;
                    if (hour >= 1 && hour < 5) {
                        night += pm25;
                    } else if (hour >= 13 && hour < 17) {
                        afternoon += pm25;
                    }
                }
            }
        }
        assertTrue(night > afternoon * 1.2, "night " + night + " afternoon " + afternoon);
    }

    @Test
    void roundsLikeAMonitor() {
        Map<String, Double> air = new ValueModelFactory(REGISTRY, 1).create(REGISTRY.points().get(0)).valuesAt(LATE_NOVEMBER);
        air.forEach((name, value) -> {
            double scale = name.equals("co") ? 100 : 10;
            assertEquals(Math.round(value * scale) / scale, value, 1e-9, name);
        });
    }

    private static List<Map<String, Double>> series(long seed, Instant start, Duration step, int steps) {
        ValueModelFactory factory = new ValueModelFactory(REGISTRY, seed);
        List<Map<String, Double>> out = new ArrayList<>();
        for (MonitoredPoint point : REGISTRY.points()) {
            ValueModel model = factory.create(point);
            for (int i = 0; i < steps; i++) {
                out.add(model.valuesAt(start.plus(step.multipliedBy(i))));
            }
        }
        return out;
    }

    private static Outlet outlet(MonitoredPoint point) {
        if (point.outlet() == null) {
            return null;
        }
        return REGISTRY.enterprise(point.site()).orElseThrow().outlets().stream()
                .filter(o -> o.id().equals(point.outlet())).findFirst().orElseThrow();
    }
}
