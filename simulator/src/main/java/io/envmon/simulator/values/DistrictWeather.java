package io.envmon.simulator.values;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The district-wide weather every station shares, as a pure function of time (seeded phases only), so that
 * stations agree with each other and a model can be asked about any instant in any order.
 *
 * <p>Climatology for Taigu (≈ 800 m a.s.l., Taiyuan basin): annual mean ≈ 11 °C, January ≈ −3 °C, late
 * November ≈ 1 °C with a 12 °C day-night swing; station pressure ≈ 925 hPa. A synoptic cycle of a few days
 * alternates stagnant, hazy spells (light southerly wind, humid, mild) with cold-front clear-outs (north-west
 * wind, dry, cold), which is what drives winter pollution episodes in the basin. Showers ({@link Precipitation})
 * bring the air near saturation and cool it by 1.5 °C (winter) to 4 °C (summer).
 */
public final class DistrictWeather {

    private final double phaseSlow;
    private final double phaseFast;
    /** {@code null}: a district where it never rains, to compare with (tests). */
    private final Precipitation precipitation;

    public DistrictWeather(long seed) {
        this(seed, true);
    }

    DistrictWeather(long seed, boolean rain) {
        Random random = new Random(seed ^ 0x3C6EF372FE94F82BL);
        this.phaseSlow = 2 * Math.PI * random.nextDouble();
        this.phaseFast = 2 * Math.PI * random.nextDouble();
        this.precipitation = rain ? new Precipitation(Seeds.of(seed, 0x5241494EL), this::stagnation) : null;
    }

    /**
     * The shared conditions at one instant. {@code stagnation} is −1 (front passing) … 1 (stagnant); {@code rain}
     * in mm/h; {@code washout} and {@code cloud} 0 … 1 as in {@link Precipitation.State}.
     */
    public record Conditions(double temp, double humidity, double pressure, double windSpeed, double windDir,
                             double stagnation, double rain, double washout, double cloud) {
    }

    public Conditions at(Instant ts) {
        double s = stagnation(ts);
        double hour = ChinaTime.hourOfDay(ts);
        double winter = ChinaTime.winterness(ts);
        Precipitation.State rain = rain(ts);
        double temp = dailyMeanTemp(ts) + 6.0 * ChinaTime.daily(hour, 15) * (1 - 0.6 * rain.cloud())
                - (1.5 + 2.5 * (1 - winter)) * rain.cloud();
        double dry = 60 - 18 * ChinaTime.daily(hour, 15) + 14 * s - 8 * winter;
        double humidity = dry + (95 - dry) * rain.cloud();
        if (rain.rate() > 0) {
            humidity = Math.max(humidity, 92 + 6 * (1 - Math.exp(-rain.rate())));
        }
        double pressure = 925 + 4 * winter - 5 * s + 0.8 * Math.cos(4 * Math.PI * (hour - 10) / 24);
        double windSpeed = 1.8 + 1.0 * Math.max(0, ChinaTime.daily(hour, 14)) + 3.0 * Math.max(0, -s)
                - 0.8 * Math.max(0, s) + 0.6 * rain.cloud();
        // north-west (315°) behind a front, turning through west to south (≈ 170°) as air stagnates
        double windDir = 315 - 145 * (s + 1) / 2;
        return new Conditions(temp, clamp(humidity, 12, 98), pressure, Math.max(0.2, windSpeed), windDir, s,
                rain.rate(), rain.washout(), rain.cloud());
    }

    /** Effective rain (mm) reaching a river section whose catchment answers {@code lagHours} after a shower. */
    double runoff(Instant ts, double lagHours) {
        return precipitation == null ? 0 : precipitation.runoff(ts, lagHours);
    }

    /** The showers overlapping [from, to]. */
    List<Precipitation.RainEvent> showers(Instant from, Instant to) {
        return precipitation == null ? List.of() : precipitation.events(from, to);
    }

    Precipitation.State rain(Instant ts) {
        return precipitation == null ? Precipitation.State.DRY : precipitation.at(ts);
    }

    /** Daily mean air temperature of the season, without the day-night swing. */
    public double seasonalMeanTemp(Instant ts) {
        return 11 - 14 * (2 * ChinaTime.winterness(ts) - 1);
    }

    /** The season's mean, milder in a stagnant spell, colder behind a front: what heating demand follows. */
    double dailyMeanTemp(Instant ts) {
        double s = stagnation(ts);
        return seasonalMeanTemp(ts) + (s > 0 ? 2.0 * s : 4.0 * s);
    }

    double stagnation(Instant ts) {
        double days = ChinaTime.days(ts);
        return 0.65 * Math.sin(2 * Math.PI * days / 5.3 + phaseSlow) + 0.35 * Math.sin(2 * Math.PI * days / 2.1 + phaseFast);
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
