package io.envmon.simulator.registry;

import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Outlet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the district's 109 regulated enterprises (E001…E109) with their monitored outlets. The industries
 * are shuffled before numbering, as IDs in a real permit list follow the order of registration, not industry.
 */
final class EnterpriseGenerator {

    /** Share of non-sewage enterprises that also discharge process wastewater through a monitored outlet. */
    private static final double WASTEWATER_SHARE = 0.15;
    /** Share of outlets whose data logger has an MN (the others only publish JSON over MQTT). */
    private static final double MN_SHARE = 0.9;

    private static final List<Place> FOUNDRY_PLACES = List.of(
            TaiguGeography.HUCUN, TaiguGeography.HUCUN, TaiguGeography.HUCUN,
            TaiguGeography.INDUSTRIAL_PARK, TaiguGeography.INDUSTRIAL_PARK, TaiguGeography.INDUSTRIAL_PARK,
            TaiguGeography.BEIGUANG, TaiguGeography.BEIGUANG, TaiguGeography.HOUCHENG, TaiguGeography.HOUCHENG,
            TaiguGeography.COUNTY_TOWN, TaiguGeography.XIAOBAI);
    private static final List<Place> CARBON_PLACES = List.of(
            TaiguGeography.INDUSTRIAL_PARK, TaiguGeography.INDUSTRIAL_PARK, TaiguGeography.BEIGUANG,
            TaiguGeography.HUCUN, TaiguGeography.XIAOBAI);
    private static final List<Place> BRICK_KILN_PLACES = List.of(
            TaiguGeography.FANCUN, TaiguGeography.YANGYI, TaiguGeography.SHUIXIU, TaiguGeography.RENCUN,
            TaiguGeography.XIAOBAI, TaiguGeography.HOUCHENG);
    private static final List<Place> BOILER_PLACES = List.of(
            TaiguGeography.COUNTY_TOWN, TaiguGeography.COUNTY_TOWN, TaiguGeography.COUNTY_TOWN,
            TaiguGeography.INDUSTRIAL_PARK, TaiguGeography.HUCUN, TaiguGeography.FANCUN,
            TaiguGeography.BEIGUANG, TaiguGeography.SHUIXIU);

    private final Random random;
    private final MnAllocator mns;
    private final EnterpriseNames names;
    private final Map<String, String> limitSources = new HashMap<>();

    EnterpriseGenerator(Random random, MnAllocator mns) {
        this.random = random;
        this.mns = mns;
        this.names = new EnterpriseNames(random);
    }

    List<Enterprise> generate() {
        List<Industry> order = new ArrayList<>();
        for (Industry industry : Industry.values()) {
            order.addAll(Collections.nCopies(industry.count(), industry));
        }
        Collections.shuffle(order, random);
        List<Enterprise> enterprises = new ArrayList<>(order.size());
        int sewagePlants = 0;
        for (int i = 0; i < order.size(); i++) {
            Industry industry = order.get(i);
            String id = String.format("E%03d", i + 1);
            boolean sewage = industry == Industry.SEWAGE_PLANT;
            Place place = sewage ? TaiguGeography.SEWAGE_PLANTS.get(sewagePlants++) : pick(placesOf(industry));
            // sewage plants sit where the list puts them; companies spread over a few km around their town
            double spread = sewage ? 0.002 : 0.02;
            double lat = TaiguGeography.clampLat(place.lat() + spread * (2 * random.nextDouble() - 1));
            double lon = TaiguGeography.clampLon(place.lon() + spread * (2 * random.nextDouble() - 1));
            String name = names.next(industry, place);
            List<Outlet> outlets = outlets(id, plan(industry));
            enterprises.add(new Enterprise(id, name, industry.registryName(), round4(lat), round4(lon), outlets));
        }
        return enterprises;
    }

    /** The standard behind each outlet's limits, by {@code "E001/DA001"}; filled by {@link #generate()}. */
    Map<String, String> limitSources() {
        return limitSources;
    }

    private List<OutletProfile> plan(Industry industry) {
        List<OutletProfile> plan = new ArrayList<>();
        switch (industry) {
            case FOUNDRY -> {
                double melting = random.nextDouble();
                plan.add(melting < 0.55 ? OutletProfile.CUPOLA_COLD_BLAST
                        : melting < 0.7 ? OutletProfile.CUPOLA_HOT_BLAST : OutletProfile.INDUCTION_FURNACE);
                List<OutletProfile> extras = new ArrayList<>(List.of(
                        OutletProfile.ANNEALING_FURNACE, OutletProfile.SHOT_BLASTING, OutletProfile.SAND_TREATMENT));
                Collections.shuffle(extras, random);
                plan.addAll(extras.subList(0, random.nextInt(3)));
            }
            case CARBON -> {
                // GB 9078 is the national floor; a plant under a key-region permit is held to 30/200/300
                boolean keyRegion = random.nextDouble() < 0.4;
                plan.add(keyRegion ? OutletProfile.CARBON_ROASTING_KEY_REGION : OutletProfile.CARBON_ROASTING_GB9078);
                if (random.nextBoolean()) {
                    plan.add(keyRegion ? OutletProfile.CARBON_CALCINING_KEY_REGION
                            : OutletProfile.CARBON_CALCINING_GB9078);
                }
            }
            case BRICK_KILN -> {
                plan.add(OutletProfile.BRICK_KILN);
                if (random.nextBoolean()) {
                    plan.add(OutletProfile.BRICK_CRUSHING);
                }
            }
            case BOILER -> {
                double fuel = random.nextDouble();
                plan.add(fuel < 0.4 ? OutletProfile.BOILER_GAS_IN_USE
                        : fuel < 0.7 ? OutletProfile.BOILER_COAL_IN_USE : OutletProfile.BOILER_COAL_SPECIAL);
            }
            case SEWAGE_PLANT -> plan.add(OutletProfile.SEWAGE_PLANT_1A);
        }
        if (industry != Industry.SEWAGE_PLANT && random.nextDouble() < WASTEWATER_SHARE) {
            plan.add(OutletProfile.INDUSTRIAL_WASTEWATER);
        }
        return plan;
    }

    /** Numbers stacks DA001… and wastewater outlets DW001…, as discharge permits do. */
    private List<Outlet> outlets(String enterpriseId, List<OutletProfile> plan) {
        List<Outlet> outlets = new ArrayList<>(plan.size());
        int stacks = 0;
        int wastewater = 0;
        for (OutletProfile profile : plan) {
            String id = profile.isStack() ? String.format("DA%03d", ++stacks) : String.format("DW%03d", ++wastewater);
            String mn = random.nextDouble() < MN_SHARE ? mns.dataLogger() : null;
            outlets.add(new Outlet(id, profile.outletName(), profile.type(), profile.referenceO2(), mn,
                    profile.limits(), null, null, profile.alphaRef(), profile.o2SuppressAt(), null));
            limitSources.put(enterpriseId + "/" + id, profile.source());
        }
        return outlets;
    }

    private static List<Place> placesOf(Industry industry) {
        return switch (industry) {
            case FOUNDRY -> FOUNDRY_PLACES;
            case CARBON -> CARBON_PLACES;
            case BRICK_KILN -> BRICK_KILN_PLACES;
            case BOILER -> BOILER_PLACES;
            case SEWAGE_PLANT -> TaiguGeography.SEWAGE_PLANTS;
        };
    }

    private Place pick(List<Place> places) {
        return places.get(random.nextInt(places.size()));
    }

    static double round4(double degrees) {
        return Math.round(degrees * 10_000) / 10_000.0;
    }
}
