package io.envmon.simulator.values;

import io.envmon.model.PointType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * An ambient air station: the six AQI pollutants and five weather parameters.
 *
 * <ul>
 *   <li>Dispersion drives the primary pollutants: the synoptic cycle (stagnant spells accumulate, fronts clear),
 *       wind (× 1.3 in calm air, × 0.6 at 6 m/s) and the night-time inversion, strongest in winter before dawn
 *       in calm air (up to × 1.6).</li>
 *   <li>PM2.5 follows the season (coal heating from 15 November), rises with humidity (secondary aerosol, up to
 *       × 1.4 in humid air without rain) and is washed out by rain (down to −60 %, recovering over ≈ 10 h). Its short-term
 *       fluctuation is part district-wide, part regional (shared with stations a few km away, see
 *       {@link RegionalField}) and part local. Late-November values ≈ 20–150 µg/m³.</li>
 *   <li>PM10 is PM2.5 × 1.4–1.9, coarser when the wind raises dust, finer after rain.</li>
 *   <li>NO2 and CO follow traffic: on weekdays peaks around 07:45 and 18:00, at weekends a later, lower morning;
 *       CO and SO2 rise with coal heating (morning and evening firing); O3 peaks on summer afternoons, less under
 *       cloud.</li>
 * </ul>
 */
final class AirQualityModel implements ValueModel {

    private final DistrictWeather weather;
    /** District-wide and regional unit-variance fluctuations of this station (pure functions of time). */
    private final ToDoubleFunction<Instant> district;
    private final ToDoubleFunction<Instant> regional;
    /** How polluted this site is relative to the district (town centre and industrial park vs. villages). */
    private final double siteFactor;
    private final double trafficFactor;
    private final double tempOffset;
    private final double pressureOffset;
    private final RedNoise pm;
    private final RedNoise coarseRatio;
    private final RedNoise so2;
    private final RedNoise no2;
    private final RedNoise co;
    private final RedNoise o3;
    private final RedNoise temp;
    private final RedNoise humidity;
    private final RedNoise pressure;
    private final RedNoise wind;
    private final RedNoise windDir;

    AirQualityModel(DistrictWeather weather, ToDoubleFunction<Instant> district, ToDoubleFunction<Instant> regional,
                    Random random) {
        this.weather = weather;
        this.district = district;
        this.regional = regional;
        this.siteFactor = 0.8 + 0.45 * random.nextDouble();
        this.trafficFactor = 0.7 + 0.6 * random.nextDouble();
        this.tempOffset = 0.6 * (2 * random.nextDouble() - 1);
        this.pressureOffset = 2.0 * (2 * random.nextDouble() - 1);
        this.pm = new RedNoise(random, 0.1, Duration.ofHours(2));
        this.coarseRatio = new RedNoise(random, 0.06, Duration.ofHours(6));
        this.so2 = new RedNoise(random, 0.2, Duration.ofHours(2));
        this.no2 = new RedNoise(random, 0.15, Duration.ofHours(2));
        this.co = new RedNoise(random, 0.1, Duration.ofHours(3));
        this.o3 = new RedNoise(random, 0.15, Duration.ofHours(3));
        this.temp = new RedNoise(random, 0.4, Duration.ofHours(1));
        this.humidity = new RedNoise(random, 3.0, Duration.ofHours(2));
        this.pressure = new RedNoise(random, 0.3, Duration.ofHours(3));
        this.wind = new RedNoise(random, 0.35, Duration.ofMinutes(30));
        this.windDir = new RedNoise(random, 20, Duration.ofHours(1));
    }

    @Override
    public Map<String, Double> valuesAt(Instant ts) {
        DistrictWeather.Conditions w = weather.at(ts);
        double hour = ChinaTime.hourOfDay(ts);
        double winter = ChinaTime.winterness(ts);
        double heating = ChinaTime.heatingSeason(ts) ? 1 : 0;
        double windSpeed = Math.max(0.1, w.windSpeed() + wind.at(ts));
        double humid = DistrictWeather.clamp(w.humidity() + humidity.at(ts) * (1 - 0.7 * w.cloud()), 5, 100);

        double calm = DistrictWeather.clamp((3 - windSpeed) / 2.5, 0, 1);
        double inversion = (0.3 + 0.7 * winter) * ChinaTime.bump(hour, 5, 3.5) * (0.4 + 0.6 * calm);
        double dispersion = Math.exp(0.3 * w.stagnation() + 0.45 * inversion - 0.12 * (windSpeed - 2));
        double shared = 0.12 * district.applyAsDouble(ts) + 0.25 * regional.applyAsDouble(ts);
        double traffic = traffic(hour, ChinaTime.weekend(ts)) * trafficFactor;
        double heatingPeaks = ChinaTime.bump(hour, 7.5, 2) + ChinaTime.bump(hour, 19, 2.5);

        // 2 µg/m³ of background that no shower washes out
        double pm25 = 2 + saturate((20 + 30 * winter + 12 * heating) * siteFactor * (1 + 0.12 * ChinaTime.daily(hour, 3))
                * dispersion * (1 + 0.4 * Math.max(0, humid - 55) / 45 * (1 - w.cloud())) * Math.exp(shared + pm.at(ts))
                * (1 - 0.6 * w.washout()));
        double ratio = DistrictWeather.clamp(1.6 + 0.06 * (windSpeed - 2) - 0.2 * w.washout() + coarseRatio.at(ts),
                1.4, 1.9);
        double sulphur = (6 + 14 * winter + 10 * heating) * (0.8 + 0.4 * heatingPeaks) * siteFactor
                * Math.pow(dispersion, 0.8) * Math.exp(0.4 * shared + so2.at(ts)) * (1 - 0.3 * w.washout());
        double nitrogen = ((8 + 6 * winter) + (16 + 8 * winter) * traffic) * Math.pow(dispersion, 0.7)
                * Math.exp(0.4 * shared + no2.at(ts));
        double carbonMonoxide = 0.2 + (0.1 + 0.1 * winter + 0.45 * heating * (0.8 + 0.4 * heatingPeaks)
                + 0.15 * traffic) * dispersion * Math.exp(0.5 * shared + co.at(ts));
        double sunshine = ChinaTime.bump(hour, 14.5, 3) * (1 - 0.6 * w.cloud());
        double ozone = (12 + (40 + 130 * (1 - winter)) * sunshine) * (1 - 0.35 * Math.max(0, w.stagnation()))
                * (1 - 0.3 * inversion) * Math.exp(o3.at(ts));

        return new ReadingValues(PointType.AIR_STATION)
                .put("pm25", pm25)
                .put("pm10", pm25 * ratio)
                .put("so2", sulphur)
                .put("no2", nitrogen)
                .put("co", carbonMonoxide)
                .put("o3", ozone)
                .put("temp", w.temp() + tempOffset + temp.at(ts))
                .put("humidity", humid)
                .put("pressure", w.pressure() + pressureOffset + pressure.at(ts))
                .put("wind_speed", windSpeed)
                .put("wind_dir", Math.floorMod(Math.round(w.windDir() + windDir.at(ts)), 360))
                .toMap();
    }

    /**
     * Above 250 µg/m³ PM2.5 grows ever slower towards 450: the boundary layer cannot get shallower without end,
     * and the factors above, multiplied at their extremes, would otherwise reach 800 (and a scenario's × 4 on top
     * would leave the physical range).
     */
    static double saturate(double pm25) {
        return pm25 <= 250 ? pm25 : 250 + 200 * Math.tanh((pm25 - 250) / 200);
    }

    /**
     * Relative vehicle traffic, ≈ 1 at the weekday rush hours: commuting peaks at 07:45 and 18:00 on weekdays; at
     * weekends a later, smaller morning (10:30) and a flatter evening.
     */
    static double traffic(double hour, boolean weekend) {
        if (weekend) {
            return 0.3 + 0.35 * ChinaTime.bump(hour, 10.5, 2.2) + 0.45 * ChinaTime.bump(hour, 18.5, 2.2);
        }
        return 0.3 + 0.7 * ChinaTime.bump(hour, 7.75, 1.2) + 0.75 * ChinaTime.bump(hour, 18, 1.6)
                + 0.2 * ChinaTime.bump(hour, 12.5, 1.5);
    }
}
