package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    @Test
    void aPointsValuesDoNotDependOnTheOtherPoints() {
        MonitoredPoint station = REGISTRY.points().get(3);
        ValueModel alone = new ValueModelFactory(REGISTRY, 9).create(station);
        ValueModelFactory shared = new ValueModelFactory(REGISTRY, 9);
        ValueModel first = shared.create(REGISTRY.points().get(0));
        ValueModel same = shared.create(station);
        for (int i = 0; i < 60; i++) {
            Instant ts = LATE_NOVEMBER.plusSeconds(60L * i);
            first.valuesAt(ts);
            assertEquals(alone.valuesAt(ts), same.valuesAt(ts));
        }
    }

    /** Every point, a simulated week every 15 minutes, in late November, midsummer and midwinter. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T16:00:00Z", "2026-07-10T00:00:00Z", "2027-01-15T00:00:00Z"})
    void aWeekOfValuesStaysInsideThePhysicalRangesAndThePlausibleOnes(String start) {
        ValueModelFactory factory = new ValueModelFactory(REGISTRY, 5);
        for (MonitoredPoint point : REGISTRY.points()) {
            ValueModel model = factory.create(point);
            Outlet outlet = outlet(point);
            for (int step = 0; step < 7 * 24 * 4; step++) {
                Map<String, Double> values = model.valuesAt(Instant.parse(start).plus(Duration.ofMinutes(15L * step)));
                assertTrue(!values.isEmpty());
                values.forEach((name, value) -> {
                    Parameter parameter = ParameterCatalog.find(point.type(), name)
                            .orElseThrow(() -> new AssertionError(name + " is not canonical for " + point.label()));
                    assertTrue(parameter.inRange(value), point.label() + " " + name + "=" + value);
                });
                checkPlausible(point, outlet, values);
            }
        }
    }

    private static void checkPlausible(MonitoredPoint point, Outlet outlet, Map<String, Double> v) {
        String where = point.label() + " " + v;
        switch (point.type()) {
            case AIR_STATION -> {
                assertEquals(ParameterCatalog.of(PointType.AIR_STATION).keySet(), v.keySet());
                assertTrue(v.get("pm25") >= 5 && v.get("pm25") <= 400, where);
                double ratio = v.get("pm10") / v.get("pm25");
                assertTrue(ratio >= 1.35 && ratio <= 1.95, where);
                assertTrue(v.get("co") >= 0.2 && v.get("co") <= 6, where);
                assertTrue(v.get("temp") > -30 && v.get("temp") < 42, where);
                assertTrue(v.get("pressure") > 880 && v.get("pressure") < 960, where);
                assertTrue(v.get("wind_dir") >= 0 && v.get("wind_dir") < 360, where);
            }
            case WATER_SECTION -> {
                assertEquals(ParameterCatalog.of(PointType.WATER_SECTION).keySet(), v.keySet());
                assertTrue(v.get("ph") >= 7 && v.get("ph") <= 8.5, where);
                assertTrue(v.get("do") >= 5 && v.get("do") <= 13, where);
                assertTrue(v.get("nh3n") >= 0.05 && v.get("nh3n") <= 1.3, where);
                assertTrue(v.get("tp") >= 0.03 && v.get("tp") <= 0.3, where);
            }
            case STACK -> {
                double o2 = v.get("o2");
                outlet.limits().forEach((name, limit) -> {
                    double converted = outlet.referenceO2() == null ? v.get(name)
                            : v.get(name) * (21 - outlet.referenceO2()) / (21 - o2);
                    // rounding to 0.1 may push a value at 95 % of a small limit a hair higher
                    assertTrue(converted <= limit.max() * 0.96, where + " " + name + " converted " + converted);
                });
                assertTrue(v.containsKey("flow") && v.containsKey("temp") && v.containsKey("o2"), where);
            }
            case WASTEWATER -> {
                outlet.limits().forEach((name, limit) -> assertTrue(limit.isMet(v.get(name)), where + " " + name));
                assertTrue(v.get("ph") >= 6.5 && v.get("ph") <= 8, where);
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
