package io.envmon.simulator.values;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Creates the value model of each monitored point. Every point gets its own {@link Random}, seeded from the
 * run's seed and the point's label, so a point's series does not change when points are added, removed,
 * reordered or (later) run on separate connections and threads.
 */
public final class ValueModelFactory {

    private final Registry registry;
    private final long seed;
    private final DistrictWeather weather;
    private final Map<String, WaterSection> sections;

    public ValueModelFactory(Registry registry, long seed) {
        this.registry = registry;
        this.seed = seed;
        this.weather = new DistrictWeather(seed);
        this.sections = registry.water().stream().collect(Collectors.toMap(WaterSection::id, Function.identity()));
    }

    public ValueModel create(MonitoredPoint point) {
        Random random = new Random(pointSeed(seed, point.label()));
        return switch (point.type()) {
            case AIR_STATION -> new AirQualityModel(weather, random);
            case WATER_SECTION -> new RiverWaterModel(sections.get(point.site()), weather, random);
            case STACK -> new StackEmissionModel(outlet(point), random);
            case WASTEWATER -> new WastewaterModel(outlet(point), random);
        };
    }

    private Outlet outlet(MonitoredPoint point) {
        return registry.enterprise(point.site()).orElseThrow().outlets().stream()
                .filter(o -> o.id().equals(point.outlet()))
                .findFirst()
                .orElseThrow();
    }

    /** SplitMix64's finaliser over seed and label: well-spread seeds even for labels that differ by one digit. */
    static long pointSeed(long seed, String label) {
        long z = seed * 0x9E3779B97F4A7C15L + label.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
