package io.envmon.alerts.aqi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The real-time (hourly) AQI of one station: HJ 633-2012 §5.1.3 (Table 4) or HJ 633-2026 §4.2.3 (Table 5),
 * as summarised in standards.md §1.3.
 *
 * <table>
 *   <caption>Columns rated</caption>
 *   <tr><th>species</th><th>HJ 633-2026</th><th>HJ 633-2012</th></tr>
 *   <tr><td>SO2</td><td>1-h mean, SO2_1H (&gt; 800 → 200)</td>
 *       <td>1-h mean, SO2_1H; &gt; 800: not computed, SO2_24H on the 24-h sliding mean instead</td></tr>
 *   <tr><td>NO2, CO</td><td>1-h mean on the 1-h columns</td><td>same</td></tr>
 *   <tr><td>O3</td><td>1-h mean, O3_1H (no 8-h in the real-time report)</td>
 *       <td>1-h mean, O3_1H, and the 8-h sliding mean on O3_8H when given</td></tr>
 *   <tr><td>PM10, PM2.5</td><td>1-h mean against the <b>24-h</b> columns</td>
 *       <td>{@link ParticlesBasis2012}: the 24-h sliding mean (Table 4) when given, else the 1-h mean</td></tr>
 * </table>
 *
 * <p>A missing mean: under 2026 the AQI of the others is published only if &gt; 100, else {@code NA} (§5.3);
 * HJ 633-2012 has no such rule, so the AQI of the others is published (local convention, noted in the result).
 */
public final class HourlyAqi {

    /** How PM IAQIs are rated in the HJ 633-2012 real-time report (standards.md §1.3, "Correction to the brief"). */
    public enum ParticlesBasis2012 {
        /**
         * HJ 633-2012 Table 4 as written: the PM IAQI is on the 24-h sliding mean; when the caller has no valid
         * sliding mean, fall back to the 1-h mean (the common library practice) and say so in the notes.
         */
        SLIDING_24H_WHEN_GIVEN,
        /** The common library practice (e.g. ringsaturn/go-aqi): the 1-h mean against the 24-h breakpoints. */
        ONE_HOUR
    }

    private final ParticlesBasis2012 particlesBasis2012;

    /** Rates 2012 particles per Table 4 ({@link ParticlesBasis2012#SLIDING_24H_WHEN_GIVEN}). */
    public HourlyAqi() {
        this(ParticlesBasis2012.SLIDING_24H_WHEN_GIVEN);
    }

    public HourlyAqi(ParticlesBasis2012 particlesBasis2012) {
        this.particlesBasis2012 = Objects.requireNonNull(particlesBasis2012, "particlesBasis2012");
    }

    /** The real-time AQI of one hour under {@code standard}; see the class comment for the columns. */
    public AqiResult compute(AqiStandard standard, HourlyMeans means) {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(means, "means");
        Rating r = new Rating(standard);
        if (standard == AqiStandard.HJ633_2026) {
            r.rate(Pollutant.SO2_1H, means.so2());
            r.rate(Pollutant.NO2_1H, means.no2());
            r.rate(Pollutant.CO_1H, means.co());
            r.rate(Pollutant.O3_1H, means.o3());
            r.rate(Pollutant.PM10_24H, means.pm10());
            r.rate(Pollutant.PM25_24H, means.pm25());
        } else {
            Iaqi so2 = r.rate(Pollutant.SO2_1H, means.so2());
            if (so2 instanceof Iaqi.NotComputed) {
                r.rate(Pollutant.SO2_24H, means.so2Sliding24h());
            }
            r.rate(Pollutant.NO2_1H, means.no2());
            r.rate(Pollutant.CO_1H, means.co());
            r.rate(Pollutant.O3_1H, means.o3());
            if (means.o3Sliding8h() != null) {
                r.rate(Pollutant.O3_8H, means.o3Sliding8h());
            }
            rateParticles2012(r, Pollutant.PM10_24H, "PM10", means.pm10Sliding24h(), means.pm10());
            rateParticles2012(r, Pollutant.PM25_24H, "PM2.5", means.pm25Sliding24h(), means.pm25());
        }
        return AqiAggregation.combine(standard, AqiResult.Report.REAL_TIME, r.rated, r.missing, r.notes);
    }

    private void rateParticles2012(Rating r, Pollutant column, String name, Double sliding24h, Double oneHour) {
        if (particlesBasis2012 == ParticlesBasis2012.SLIDING_24H_WHEN_GIVEN && sliding24h != null) {
            r.rate(column, sliding24h);
            return;
        }
        if (particlesBasis2012 == ParticlesBasis2012.SLIDING_24H_WHEN_GIVEN && oneHour != null) {
            r.notes.add(name + ": no valid 24-h sliding mean, rated on the 1-h mean (common practice, not HJ 633-2012 Table 4)");
        }
        r.rate(column, oneHour);
    }

    /** The columns rated so far for one report. */
    static final class Rating {
        final AqiStandard standard;
        final Map<Pollutant, Iaqi> rated = new EnumMap<>(Pollutant.class);
        final Set<Pollutant> missing = EnumSet.noneOf(Pollutant.class);
        final List<String> notes = new ArrayList<>();

        Rating(AqiStandard standard) {
            this.standard = standard;
        }

        /** Rates one column, or records it as missing when {@code mean} is null; returns the IAQI or null. */
        Iaqi rate(Pollutant column, Double mean) {
            if (mean == null) {
                missing.add(column);
                return null;
            }
            Iaqi iaqi = IaqiCalculator.iaqi(column, mean, standard);
            rated.put(column, iaqi);
            if (iaqi instanceof Iaqi.NotComputed nc) {
                notes.add(nc.reason());
            }
            return iaqi;
        }
    }
}
