package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A wastewater outlet's online analysers: each limited pollutant (COD, NH3-N, TP, TN) at 30–80 % of its
 * limit, pH 6.5–8, and the flow.
 *
 * <ul>
 *   <li>A municipal plant (recognised by its TP/TN limits) treats hundreds to thousands of m³/h with the town's
 *       rhythm: peaks late morning and evening (an hour later at weekends), lowest before dawn; after rain the
 *       combined sewers bring up to + 60 % flow, diluted (concentrations down to 0.7 ×).</li>
 *   <li>An industrial outlet discharges a few tens of m³/h while its plant works ({@link ProductionSchedule})
 *       and a trickle (10 %) while it is off.</li>
 * </ul>
 */
final class WastewaterModel implements ValueModel {

    private static final String[] POLLUTANTS = {"cod", "nh3n", "tp", "tn"};
    /** Sewers reach the plant within a couple of hours of a shower. */
    private static final double SEWER_LAG_HOURS = 2;

    private final Outlet outlet;
    private final ProductionSchedule schedule;
    private final DistrictWeather weather;
    private final boolean municipal;
    private final double designFlow;
    private final double[] share = new double[POLLUTANTS.length];
    private final RedNoise[] variation = new RedNoise[POLLUTANTS.length];
    private final RedNoise ph;
    private final RedNoise flow;

    WastewaterModel(Outlet outlet, ProductionSchedule schedule, DistrictWeather weather, Random random) {
        this.outlet = outlet;
        this.schedule = schedule;
        this.weather = weather;
        this.municipal = outlet.limits().containsKey("tp") || outlet.limits().containsKey("tn");
        this.designFlow = municipal ? 300 + 2_700 * random.nextDouble() : 3 + 40 * random.nextDouble();
        for (int i = 0; i < POLLUTANTS.length; i++) {
            share[i] = 0.35 + 0.3 * random.nextDouble();
            variation[i] = new RedNoise(random, 0.15, Duration.ofHours(3));
        }
        this.ph = new RedNoise(random, 0.25, Duration.ofHours(4));
        this.flow = new RedNoise(random, 0.08, Duration.ofHours(1));
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        double stormwater = municipal ? weather.runoff(ts, SEWER_LAG_HOURS) : 0;
        double dilution = 1 / (1 + 0.02 * stormwater);
        ReadingValues values = new ReadingValues(PointType.WASTEWATER);
        for (int i = 0; i < POLLUTANTS.length; i++) {
            Limit limit = outlet.limits().get(POLLUTANTS[i]);
            double wander = variation[i].at(ts);
            if (limit != null && !limit.isRange()) {
                values.put(POLLUTANTS[i],
                        DistrictWeather.clamp(share[i] * Math.exp(wander), 0.05, 0.95) * dilution * limit.max());
            }
        }
        double rhythm = municipal ? townRhythm(ts) * (1 + 0.03 * stormwater)
                : 0.1 + 0.9 * schedule.load(ChinaTime.epochHour(ts));
        return values
                .put("ph", DistrictWeather.clamp(7.2 + ph.at(ts), 6.5, 8.0))
                .put("flow", designFlow * rhythm * Math.exp(flow.at(ts)))
                .toMap();
    }

    private static double townRhythm(Instant ts) {
        double hour = ChinaTime.hourOfDay(ts);
        double late = ChinaTime.weekend(ts) ? 1 : 0;
        return 0.75 + 0.2 * ChinaTime.bump(hour, 11 + late, 2.5) + 0.25 * ChinaTime.bump(hour, 20 + late, 2.5);
    }
}
