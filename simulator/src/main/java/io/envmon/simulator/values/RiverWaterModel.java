package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A river section's automatic station (the national "9+X" set plus COD). How loaded a section is follows its
 * GB 3838 target class: a class II headwater section is clean, a class IV section below the towns carries
 * more organic matter and nutrients. Values vary slowly (rivers change over hours), DO and pH rise in the
 * afternoon with photosynthesis, and water temperature follows the season. Typical ranges: pH 7–8.5,
 * DO 6–11 mg/L, CODMn 2–6, COD 10–25, NH3-N 0.1–1.2, TP 0.05–0.25, TN 1–4 mg/L.
 */
final class RiverWaterModel implements ValueModel {

    private final DistrictWeather weather;
    /** 0 (pristine) … 1 (heavily loaded) for this section. */
    private final double load;
    private final RedNoise slowLoad;
    private final RedNoise fastLoad;
    private final RedNoise ph;
    private final RedNoise oxygen;
    private final RedNoise temp;
    private final RedNoise turbidity;
    private final RedNoise conductivity;
    private final RedNoise codRatio;

    RiverWaterModel(WaterSection section, DistrictWeather weather, Random random) {
        this.weather = weather;
        this.load = DistrictWeather.clamp(baseLoad(section.targetClass()) + 0.08 * (2 * random.nextDouble() - 1), 0, 1);
        this.slowLoad = new RedNoise(random, 0.15, Duration.ofHours(12));
        this.fastLoad = new RedNoise(random, 0.06, Duration.ofHours(2));
        this.ph = new RedNoise(random, 0.08, Duration.ofHours(6));
        this.oxygen = new RedNoise(random, 0.3, Duration.ofHours(3));
        this.temp = new RedNoise(random, 0.3, Duration.ofHours(6));
        this.turbidity = new RedNoise(random, 0.25, Duration.ofHours(8));
        this.conductivity = new RedNoise(random, 30, Duration.ofHours(12));
        this.codRatio = new RedNoise(random, 0.05, Duration.ofHours(6));
    }

    private static double baseLoad(String targetClass) {
        return switch (targetClass == null ? "III" : targetClass) {
            case "I" -> 0.05;
            case "II" -> 0.2;
            case "IV" -> 0.7;
            case "V" -> 0.85;
            default -> 0.45;
        };
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        double hour = ChinaTime.hourOfDay(ts);
        double p = DistrictWeather.clamp(load * Math.exp(slowLoad.at(ts) + fastLoad.at(ts)), 0, 1);
        double waterTemp = DistrictWeather.clamp(
                4 + 0.85 * weather.seasonalMeanTemp(ts) + 1.0 * ChinaTime.daily(hour, 16) + temp.at(ts), 0.2, 32);
        // oxygen solubility in fresh water (mg/L), a quadratic fit good to ±0.2 between 0 and 30 °C
        double saturation = 14.6 - 0.39 * waterTemp + 0.0072 * waterTemp * waterTemp;
        double dissolvedOxygen = saturation * (0.88 - 0.25 * p) + 0.5 * ChinaTime.daily(hour, 15) + oxygen.at(ts);
        double codmn = 1.8 + 4.0 * p;
        double nh3n = 0.08 + 1.1 * Math.pow(p, 1.3);
        return new ReadingValues(PointType.WATER_SECTION)
                .put("ph", DistrictWeather.clamp(7.7 - 0.5 * p + 0.15 * ChinaTime.daily(hour, 15) + ph.at(ts), 7.0, 8.5))
                .put("do", DistrictWeather.clamp(dissolvedOxygen, 5.5, 12.5))
                .put("codmn", codmn)
                .put("cod", (3 + 3.5 * codmn) * Math.exp(codRatio.at(ts)))
                .put("nh3n", nh3n)
                .put("tp", 0.04 + 0.2 * p)
                .put("tn", 0.9 + 2.6 * p + nh3n * 0.5)
                .put("turbidity", (4 + 30 * p) * Math.exp(turbidity.at(ts)))
                .put("conductivity", 450 + 600 * p + conductivity.at(ts))
                .put("temp", waterTemp)
                .toMap();
    }
}
