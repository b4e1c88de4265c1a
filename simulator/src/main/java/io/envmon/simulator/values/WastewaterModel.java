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
 * limit, pH 6.5–8, and the flow. A municipal plant (recognised by its TP/TN limits) treats hundreds to
 * thousands of m³/h with the town's daily rhythm (peaks late morning and evening, lowest before dawn); an
 * industrial outlet discharges a few tens of m³/h.
 */
final class WastewaterModel implements ValueModel {

    private static final String[] POLLUTANTS = {"cod", "nh3n", "tp", "tn"};

    private final Outlet outlet;
    private final boolean municipal;
    private final double designFlow;
    private final double[] share = new double[POLLUTANTS.length];
    private final RedNoise[] variation = new RedNoise[POLLUTANTS.length];
    private final RedNoise ph;
    private final RedNoise flow;

    WastewaterModel(Outlet outlet, Random random) {
        this.outlet = outlet;
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
        ReadingValues values = new ReadingValues(PointType.WASTEWATER);
        for (int i = 0; i < POLLUTANTS.length; i++) {
            Limit limit = outlet.limits().get(POLLUTANTS[i]);
            double wander = variation[i].at(ts);
            if (limit != null && !limit.isRange()) {
                values.put(POLLUTANTS[i], DistrictWeather.clamp(share[i] * Math.exp(wander), 0.05, 0.95) * limit.max());
            }
        }
        double hour = ChinaTime.hourOfDay(ts);
        double rhythm = municipal
                ? 0.75 + 0.2 * ChinaTime.bump(hour, 11, 2.5) + 0.25 * ChinaTime.bump(hour, 20, 2.5)
                : 1.0;
        return values
                .put("ph", DistrictWeather.clamp(7.2 + ph.at(ts), 6.5, 8.0))
                .put("flow", designFlow * rhythm * Math.exp(flow.at(ts)))
                .toMap();
    }
}
