package io.envmon.simulator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import java.util.Map;
import java.util.function.Supplier;

/** What a reading of each kind may look like: inside the physical ranges, and within what the district sees. */
final class Plausible {

    /** The service leaves stack samples at or above this O2 out of its conversion (start-up, shutdown). */
    static final double O2_SUPPRESS = 19;

    private Plausible() {
    }

    /** @param outlet the point's outlet, {@code null} for stations and sections */
    static void check(MonitoredPoint point, Outlet outlet, Map<String, Double> v) {
        // built only when a check fails: the year test makes 1.8 million readings
        Supplier<String> where = () -> point.label() + " " + v;
        assertTrue(!v.isEmpty(), where);
        v.forEach((name, value) -> {
            Parameter parameter = ParameterCatalog.find(point.type(), name)
                    .orElseThrow(() -> new AssertionError(name + " is not canonical for " + point.label()));
            assertTrue(parameter.inRange(value), () -> where.get() + ": " + name + " out of its physical range");
        });
        switch (point.type()) {
            case AIR_STATION -> {
                assertEquals(ParameterCatalog.of(PointType.AIR_STATION).keySet(), v.keySet(), where);
                // clean air after a summer shower reads a few µg/m³
                assertTrue(v.get("pm25") >= 2 && v.get("pm25") <= 452, where);
                double ratio = v.get("pm10") / v.get("pm25");
                assertTrue(ratio >= 1.3 && ratio <= 2, where);
                assertTrue(v.get("co") >= 0.2 && v.get("co") <= 6, where);
                assertTrue(v.get("o3") >= 2 && v.get("o3") <= 400, where);
                assertTrue(v.get("temp") > -30 && v.get("temp") < 42, where);
                assertTrue(v.get("pressure") > 880 && v.get("pressure") < 960, where);
                assertTrue(v.get("wind_dir") >= 0 && v.get("wind_dir") < 360, where);
            }
            case WATER_SECTION -> {
                assertEquals(ParameterCatalog.of(PointType.WATER_SECTION).keySet(), v.keySet(), where);
                assertTrue(v.get("ph") >= 7 && v.get("ph") <= 8.5, where);
                assertTrue(v.get("do") >= 5 && v.get("do") <= 13, where);
                assertTrue(v.get("nh3n") >= 0.05 && v.get("nh3n") <= 1.6, where);
                // runoff after heavy rain carries particulate phosphorus and silt
                assertTrue(v.get("tp") >= 0.03 && v.get("tp") <= 0.6, where);
                assertTrue(v.get("turbidity") >= 1 && v.get("turbidity") <= 800, where);
            }
            case STACK -> {
                double o2 = v.get("o2");
                assertTrue(v.containsKey("flow") && v.containsKey("temp") && o2 <= 21, where);
                if (outlet.referenceO2() == null || o2 < O2_SUPPRESS) {
                    outlet.limits().forEach((name, limit) -> {
                        double converted = outlet.referenceO2() == null ? v.get(name)
                                : v.get(name) * (21 - outlet.referenceO2()) / (21 - o2);
                        // a start-up peaks at 1.2 × the limit for a few minutes; rounding adds a hair
                        assertTrue(converted <= limit.max() * 1.22,
                                () -> where.get() + " " + name + " converted " + converted);
                    });
                }
            }
            case WASTEWATER -> {
                outlet.limits().forEach((name, limit) ->
                        assertTrue(limit.isMet(v.get(name)), () -> where.get() + " " + name));
                assertTrue(v.get("ph") >= 6.5 && v.get("ph") <= 8, where);
            }
        }
    }
}
