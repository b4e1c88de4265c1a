package io.envmon.simulator.values;

import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Creates the value model of each monitored point. Every point gets its own {@link Random}, seeded from the
 * run's seed and the point's label, so a point's series does not change when points are added, removed,
 * reordered or (later) run on separate connections and threads. What points share (the weather, rain, the
 * regional air fluctuations, an enterprise's production schedule) is seeded from the run's seed and the site
 * only, and is a pure function of time.
 */
public final class ValueModelFactory {

    /** Regional PM fluctuations: correlated over ≈ 5 km and a few hours (see {@link RegionalField}). */
    private static final double REGIONAL_KM = 5;
    private static final Duration REGIONAL_TIME = Duration.ofHours(3);
    private static final Duration DISTRICT_TIME = Duration.ofHours(8);

    private final Registry registry;
    private final long seed;
    private final DistrictWeather weather;
    private final RegionalField regional;
    private final TimeNoise district;
    private final Map<String, WaterSection> sections;
    private final Map<String, AirStation> stations;

    public ValueModelFactory(Registry registry, long seed) {
        this(registry, seed, new DistrictWeather(seed));
    }

    /** With another weather (tests: the same district without rain). */
    ValueModelFactory(Registry registry, long seed, DistrictWeather weather) {
        this.registry = registry;
        this.seed = seed;
        this.weather = weather;
        this.regional = new RegionalField(Seeds.of(seed, 0x5245474EL), REGIONAL_TIME, REGIONAL_KM);
        this.district = new TimeNoise(Seeds.of(seed, 0x44495354L), DISTRICT_TIME);
        this.sections = registry.water().stream().collect(Collectors.toMap(WaterSection::id, Function.identity()));
        this.stations = registry.air().stream().collect(Collectors.toMap(AirStation::id, Function.identity()));
    }

    public ValueModel create(MonitoredPoint point) {
        long pointSeed = pointSeed(seed, point.label());
        Random random = new Random(pointSeed);
        return switch (point.type()) {
            case AIR_STATION -> new AirQualityModel(weather, district::at, regionalAt(point, pointSeed), random);
            case WATER_SECTION -> new RiverWaterModel(sections.get(point.site()), weather, random);
            case STACK -> new StackEmissionModel(outlet(point), schedule(point), weather, random);
            case WASTEWATER -> new WastewaterModel(outlet(point), schedule(point), weather, random);
        };
    }

    /** The regional field at the station; a station without coordinates gets a field of its own (uncorrelated). */
    private ToDoubleFunction<Instant> regionalAt(MonitoredPoint point, long pointSeed) {
        AirStation station = stations.get(point.site());
        if (station == null || station.lat() == null || station.lon() == null) {
            return new TimeNoise(Seeds.of(pointSeed, 1), REGIONAL_TIME)::at;
        }
        return regional.at(station.lat(), station.lon())::at;
    }

    /** Seeded by the enterprise, so that its outlets stop and start together. */
    private ProductionSchedule schedule(MonitoredPoint point) {
        Enterprise enterprise = registry.enterprise(point.site()).orElseThrow();
        return new ProductionSchedule(ProductionSchedule.patternOf(enterprise, outlet(point)),
                pointSeed(seed, "schedule " + enterprise.id()));
    }

    private Outlet outlet(MonitoredPoint point) {
        return registry.enterprise(point.site()).orElseThrow().outlets().stream()
                .filter(o -> o.id().equals(point.outlet()))
                .findFirst()
                .orElseThrow();
    }

    /** SplitMix64's finaliser over seed and label: well-spread seeds even for labels that differ by one digit. */
    static long pointSeed(long seed, String label) {
        return Seeds.mix(seed * 0x9E3779B97F4A7C15L + label.hashCode());
    }
}
