package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A stack's CEMS: particulate, SO2 and NOx as measured (dry, standard state), with O2, flow and temperature.
 *
 * <p>A compliant plant: each limited pollutant runs at 30–80 % of its limit most of the time. Limits apply to
 * the concentration converted to the reference O2 (GB 13271 / GB 39726 Eq. 1), so the model draws the
 * converted value and reports the measured one, {@code C_meas = C_ref × (21 − O2_meas) / (21 − O2_ref)}; the
 * service's conversion then lands where the plant meant to be. O2 sits a little above the reference for
 * combustion stacks (8–17 %) and near ambient (≈ 20 %) for dust extraction, which only has a particulate limit.
 */
final class StackEmissionModel implements ValueModel {

    private static final String[] POLLUTANTS = {"particulate", "so2", "nox"};

    private final Outlet outlet;
    private final boolean combustion;
    private final double o2Level;
    private final double designFlow;
    private final double flueTemp;
    /** Mean share of the limit each pollutant runs at, by index in {@link #POLLUTANTS}. */
    private final double[] share = new double[POLLUTANTS.length];
    private final RedNoise[] variation = new RedNoise[POLLUTANTS.length];
    private final RedNoise o2;
    private final RedNoise flow;
    private final RedNoise temp;

    StackEmissionModel(Outlet outlet, Random random) {
        this.outlet = outlet;
        Map<String, Limit> limits = outlet.limits();
        this.combustion = outlet.referenceO2() != null || limits.containsKey("so2") || limits.containsKey("nox");
        Double reference = outlet.referenceO2();
        this.o2Level = reference != null ? Math.min(19, reference + 1 + 1.5 * random.nextDouble())
                : combustion ? 14.5 + 2 * random.nextDouble() : 19.8 + 0.6 * random.nextDouble();
        this.designFlow = combustion ? 15_000 + 75_000 * random.nextDouble() : 8_000 + 40_000 * random.nextDouble();
        this.flueTemp = combustion ? 55 + 100 * random.nextDouble() : 22 + 20 * random.nextDouble();
        for (int i = 0; i < POLLUTANTS.length; i++) {
            share[i] = 0.35 + 0.3 * random.nextDouble();
            variation[i] = new RedNoise(random, 0.18, Duration.ofMinutes(45));
        }
        this.o2 = new RedNoise(random, 0.5, Duration.ofMinutes(40));
        this.flow = new RedNoise(random, 0.05, Duration.ofHours(1));
        this.temp = new RedNoise(random, 3, Duration.ofHours(1));
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        // rounded as reported, so that the service's O2 conversion of the reported values lands where intended
        double oxygen = Math.round(DistrictWeather.clamp(o2Level + o2.at(ts), o2Level - 3, 20.9) * 10) / 10.0;
        // the O2 conversion factor from measured to reference conditions; 1 where there is no reference
        double dilution = outlet.referenceO2() == null ? 1 : (21 - oxygen) / (21 - outlet.referenceO2());
        ReadingValues values = new ReadingValues(PointType.STACK);
        for (int i = 0; i < POLLUTANTS.length; i++) {
            Limit limit = outlet.limits().get(POLLUTANTS[i]);
            double wander = variation[i].at(ts);
            if (limit != null) {
                double converted = DistrictWeather.clamp(share[i] * Math.exp(wander), 0.05, 0.95) * limit.max();
                values.put(POLLUTANTS[i], converted * dilution);
            } else if (combustion && !"particulate".equals(POLLUTANTS[i])) {
                // measured all the same (GB 9078 kilns have no NOx limit, the CEMS still reports it)
                values.put(POLLUTANTS[i], 60 + 120 * share[i] * Math.exp(wander));
            }
        }
        return values
                .put("o2", oxygen)
                .put("flow", designFlow * Math.exp(flow.at(ts)))
                .put("temp", flueTemp + temp.at(ts))
                .toMap();
    }
}
