package io.envmon.alerts.aqi;

import java.util.Objects;

/**
 * The daily AQI (日报) of one station: HJ 633-2012 §5.1.2 / HJ 633-2026 §4.2.2 (standards.md §1.3).
 *
 * <ul>
 *   <li>HJ 633-2026, 6 indicators: SO2, NO2, CO, PM10, PM2.5 daily means on the 24-h columns, and the O3 daily
 *       maximum 8-h sliding mean on O3_8H (&gt; 800 → IAQI 300). Period: the natural day.</li>
 *   <li>HJ 633-2012, 7 indicators: the same five 24-h means, the O3 daily maximum 1-h mean on O3_1H, and the O3
 *       daily maximum 8-h sliding mean on O3_8H (&gt; 800: not computed; O3 is then rated by its 1-h IAQI).</li>
 * </ul>
 *
 * <p>A missing value: under 2026 the AQI of the others is published only if &gt; 100, else {@code NA} (§5.3,
 * applied to the daily report as well as the real-time one); under 2012 the AQI of the others is published.
 */
public final class DailyAqi {

    /** The daily AQI of one day under {@code standard}. */
    public AqiResult compute(AqiStandard standard, DailyMeans means) {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(means, "means");
        HourlyAqi.Rating r = new HourlyAqi.Rating(standard);
        r.rate(Pollutant.SO2_24H, means.so2());
        r.rate(Pollutant.NO2_24H, means.no2());
        r.rate(Pollutant.PM10_24H, means.pm10());
        r.rate(Pollutant.CO_24H, means.co());
        if (standard == AqiStandard.HJ633_2012) {
            r.rate(Pollutant.O3_1H, means.o3Max1h());
        }
        r.rate(Pollutant.O3_8H, means.o3Max8h());
        r.rate(Pollutant.PM25_24H, means.pm25());
        return AqiAggregation.combine(standard, AqiResult.Report.DAILY, r.rated, r.missing, r.notes);
    }
}
