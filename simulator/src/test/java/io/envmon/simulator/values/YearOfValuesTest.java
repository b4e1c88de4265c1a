package io.envmon.simulator.values;

import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every point of config/taigu.yaml, hourly through a year: seasons, rain and stops never leave the ranges. */
class YearOfValuesTest {

    /** Points in parallel: the shared weather, rain and fields are pure, so models may run on several threads. */
    @Test
    void aYearOfHourlyValuesStaysInsideThePhysicalRangesAndThePlausibleOnes() {
        ValueModelFactory factory = new ValueModelFactory(District.REGISTRY, 2026);
        Instant from = Instant.parse("2026-03-01T00:00:00+08:00");
        District.REGISTRY.points().parallelStream().forEach(point -> {
            ValueModel model = factory.create(point);
            Outlet outlet = point.outlet() == null ? null : District.outlet(point);
            for (int h = 0; h < 24 * 365; h++) {
                Plausible.check(point, outlet, model.valuesAt(from.plus(Duration.ofHours(h))));
            }
        });
    }
}
