package io.envmon.simulator.registry;

import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the Taigu District registry from a seed: 10 ambient air stations, 8 river sections on 象峪河 and
 * 乌马河, and 109 enterprises with their outlets and permit limits. The same seed always gives the same
 * registry (java.util.Random's sequence is specified), so the committed config/taigu.yaml can be regenerated.
 */
public final class DistrictRegistryGenerator {

    /** The seed of the committed config/taigu.yaml. */
    public static final long DEFAULT_SEED = 2026;

    public GeneratedRegistry generate(long seed) {
        // independent streams, so that adding a station does not reshuffle every enterprise
        Random sites = new Random(seed);
        MnAllocator mns = new MnAllocator(new Random(seed ^ 0x5DEECE66DL));
        EnterpriseGenerator enterprises = new EnterpriseGenerator(new Random(seed * 31 + 7), mns);

        List<AirStation> air = airStations(sites, mns);
        List<WaterSection> water = new ArrayList<>();
        water.addAll(sections("XYH", "象峪河", TaiguGeography.XIANGYU_RIVER, sites, mns));
        water.addAll(sections("WMH", "乌马河", TaiguGeography.WUMA_RIVER, sites, mns));
        List<Enterprise> companies = enterprises.generate();
        return new GeneratedRegistry(new Registry(air, water, companies), enterprises.limitSources());
    }

    private static List<AirStation> airStations(Random random, MnAllocator mns) {
        List<AirStation> stations = new ArrayList<>();
        for (int i = 0; i < TaiguGeography.AIR_STATIONS.size(); i++) {
            Place place = TaiguGeography.AIR_STATIONS.get(i);
            stations.add(new AirStation(String.format("TG-A%02d", i + 1), place.name(),
                    jitter(random, place.lat(), true), jitter(random, place.lon(), false), mns.station("01"), null));
        }
        return stations;
    }

    private static List<WaterSection> sections(String prefix, String river, List<TaiguGeography.SectionSite> sites,
                                               Random random, MnAllocator mns) {
        List<WaterSection> sections = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            TaiguGeography.SectionSite site = sites.get(i);
            sections.add(new WaterSection(String.format("%s-%02d", prefix, i + 1), site.name(), river,
                    site.targetClass(), "river", jitter(random, site.lat(), true), jitter(random, site.lon(), false),
                    mns.station("02"), null));
        }
        return sections;
    }

    /** Moves a site by up to about 300 m, staying inside the district's extent. */
    private static double jitter(Random random, double degrees, boolean latitude) {
        double moved = degrees + 0.003 * (2 * random.nextDouble() - 1);
        return EnterpriseGenerator.round4(latitude ? TaiguGeography.clampLat(moved) : TaiguGeography.clampLon(moved));
    }
}
