package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A river section's automatic station (the national "9+X" set plus COD). How loaded a section is follows its
 * GB 3838 target class: a class II headwater section is clean, a class IV section below the towns carries more
 * organic matter and nutrients. Typical ranges: pH 7–8.5, DO 6–11 mg/L, CODMn 2–6, COD 10–25, NH3-N 0.1–1.2,
 * TP 0.05–0.25, TN 1–4 mg/L.
 *
 * <ul>
 *   <li>Slow drifts: the load wanders over days, and the dry season (winter, spring) dilutes less (± 15 %).</li>
 *   <li>Rain: runoff reaches the section a few hours after a shower (3 h at a headwater section, up to 8 h
 *       downstream) and passes over about a day: turbidity up to × 9, COD × 2.4, TP × 2.2, conductivity diluted
 *       (see {@link Precipitation#runoff}).</li>
 *   <li>DO follows saturation at the water temperature, less the section's organic load, plus photosynthesis:
 *       lowest before dawn (06:00), highest mid-afternoon (15:30), a swing of up to ± 1.5 mg/L in a loaded
 *       section in summer, damped under cloud and in turbid water; pH follows the same rhythm.</li>
 * </ul>
 */
final class RiverWaterModel implements ValueModel {

    private final DistrictWeather weather;
    /** 0 (pristine) … 1 (heavily loaded) for this section. */
    private final double load;
    /** Hours from a shower's middle to the runoff peak at this section. */
    private final double lagHours;
    private final TimeNoise drift;
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
        this.lagHours = 3 + 5 * load + random.nextDouble();
        this.drift = new TimeNoise(random.nextLong(), Duration.ofDays(4));
        this.slowLoad = new RedNoise(random, 0.1, Duration.ofHours(12));
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
        double winter = ChinaTime.winterness(ts);
        double dryness = 1 + 0.15 * (2 * winter - 1);
        double p = DistrictWeather.clamp(
                load * dryness * Math.exp(0.1 * drift.at(ts) + slowLoad.at(ts) + fastLoad.at(ts)), 0, 1);
        double runoff = weather.runoff(ts, lagHours);
        double cloud = weather.rain(ts).cloud();
        double waterTemp = DistrictWeather.clamp(
                4 + 0.85 * weather.seasonalMeanTemp(ts) + 1.0 * ChinaTime.daily(hour, 16) + temp.at(ts), 0.2, 32);
        // oxygen solubility in fresh water (mg/L), a quadratic fit good to ±0.2 between 0 and 30 °C
        double saturation = 14.6 - 0.39 * waterTemp + 0.0072 * waterTemp * waterTemp;
        double photosynthesis = (0.3 + 1.2 * p) * (0.35 + 0.65 * (1 - winter)) * (1 - 0.5 * cloud)
                / (1 + 0.1 * runoff) * ChinaTime.skewedDaily(hour, 6, 15.5);
        double dissolvedOxygen = saturation * (0.9 - 0.25 * p) + photosynthesis - 0.03 * runoff + oxygen.at(ts);
        double codmn = (1.8 + 4.0 * p) * (1 + 0.04 * runoff);
        double nh3n = (0.08 + 1.1 * Math.pow(p, 1.3)) * (1 + 0.015 * runoff);
        return new ReadingValues(PointType.WATER_SECTION)
                .put("ph", DistrictWeather.clamp(7.7 - 0.5 * p + 0.2 * photosynthesis + ph.at(ts), 7.0, 8.5))
                .put("do", DistrictWeather.clamp(dissolvedOxygen, 5.5, 12.5))
                .put("codmn", codmn)
                .put("cod", (3 + 3.5 * (1.8 + 4.0 * p)) * (1 + 0.07 * runoff) * Math.exp(codRatio.at(ts)))
                .put("nh3n", nh3n)
                .put("tp", (0.04 + 0.2 * p) * (1 + 0.06 * runoff))
                .put("tn", (0.9 + 2.6 * p) * (1 + 0.02 * runoff) + nh3n * 0.5)
                .put("turbidity", (4 + 30 * p) * (1 + 0.4 * runoff) * Math.exp(turbidity.at(ts)))
                .put("conductivity", (450 + 600 * p + conductivity.at(ts)) * (1 - 0.3 * (1 - Math.exp(-runoff / 8))))
                .put("temp", waterTemp)
                .toMap();
    }
}
