package io.envmon.simulator.values;

import io.envmon.model.PointType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * An ambient air station: the six AQI pollutants and five weather parameters.
 *
 * <ul>
 *   <li>PM2.5 follows the season (coal heating from 15 November), the synoptic cycle (stagnant spells
 *       accumulate, fronts clear) and a diurnal cycle that is high at night and in the morning, when the
 *       boundary layer is shallow, and low in the afternoon: late-November values ≈ 20–150 µg/m³.</li>
 *   <li>PM10 is PM2.5 × 1.4–1.9, coarser when the wind raises dust.</li>
 *   <li>NO2 peaks with traffic around 08:00 and 18:00; SO2 with heating in the morning and evening.</li>
 *   <li>CO tracks combustion, i.e. PM2.5 (0.3–2 mg/m³); O3 peaks in the afternoon sun, weakly in winter.</li>
 * </ul>
 */
final class AirQualityModel implements ValueModel {

    private final DistrictWeather weather;
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

    AirQualityModel(DistrictWeather weather, Random random) {
        this.weather = weather;
        this.siteFactor = 0.8 + 0.45 * random.nextDouble();
        this.trafficFactor = 0.7 + 0.6 * random.nextDouble();
        this.tempOffset = 0.6 * (2 * random.nextDouble() - 1);
        this.pressureOffset = 2.0 * (2 * random.nextDouble() - 1);
        this.pm = new RedNoise(random, 0.15, Duration.ofHours(3));
        this.coarseRatio = new RedNoise(random, 0.06, Duration.ofHours(6));
        this.so2 = new RedNoise(random, 0.2, Duration.ofHours(2));
        this.no2 = new RedNoise(random, 0.18, Duration.ofHours(2));
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
        double s = w.stagnation();

        double pm25 = (20 + 30 * winter + 12 * heating) * (1 + 0.25 * ChinaTime.daily(hour, 3))
                * Math.exp(0.6 * s + pm.at(ts)) * siteFactor;
        double windSpeed = Math.max(0.1, w.windSpeed() + wind.at(ts));
        double ratio = DistrictWeather.clamp(1.6 + 0.06 * (windSpeed - 2) + coarseRatio.at(ts), 1.4, 1.9);
        double heatingPeaks = ChinaTime.bump(hour, 7.5, 2) + ChinaTime.bump(hour, 19, 2.5);
        double sulphur = (6 + 14 * winter + 10 * heating) * (0.8 + 0.4 * heatingPeaks)
                * Math.exp(0.4 * s + so2.at(ts)) * siteFactor;
        double traffic = 0.7 + 0.6 * ChinaTime.bump(hour, 8, 1.5) + 0.7 * ChinaTime.bump(hour, 18, 2);
        double nitrogen = (18 + 14 * winter) * trafficFactor * traffic * Math.exp(0.35 * s + no2.at(ts));
        double carbonMonoxide = (0.3 + 0.011 * pm25) * Math.exp(co.at(ts));
        double sunshine = ChinaTime.bump(hour, 15, 3);
        double ozone = (10 + (40 + 120 * (1 - winter)) * sunshine) * (1 - 0.35 * Math.max(0, s)) * Math.exp(o3.at(ts));

        return new ReadingValues(PointType.AIR_STATION)
                .put("pm25", pm25)
                .put("pm10", pm25 * ratio)
                .put("so2", sulphur)
                .put("no2", nitrogen)
                .put("co", carbonMonoxide)
                .put("o3", ozone)
                .put("temp", w.temp() + tempOffset + temp.at(ts))
                .put("humidity", DistrictWeather.clamp(w.humidity() + humidity.at(ts), 5, 100))
                .put("pressure", w.pressure() + pressureOffset + pressure.at(ts))
                .put("wind_speed", windSpeed)
                .put("wind_dir", Math.floorMod(Math.round(w.windDir() + windDir.at(ts)), 360))
                .toMap();
    }
}
