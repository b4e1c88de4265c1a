package io.envmon.alerts.aqi;

import java.util.Map;

/**
 * The valid means one station has for one hour, as the real-time report (实时报) needs them. {@code null} means
 * missing or invalid (see {@code io.envmon.alerts.air.HourlyMeanCalculator} for validity). Units: µg/m³,
 * CO mg/m³.
 *
 * <p>The six 1-h means are used under both editions. The sliding means are used under HJ 633-2012 only
 * (HJ 633-2012 §5.1.3, Table 4): PM10/PM2.5 24-h sliding means (the PM IAQI columns of the 2012 real-time
 * report), the O3 8-h sliding mean, and the SO2 24-h sliding mean (needed when the SO2 1-h mean is above 800,
 * note (2) of Table 1).
 */
public record HourlyMeans(Double so2, Double no2, Double co, Double o3, Double pm10, Double pm25,
                          Double so2Sliding24h, Double pm10Sliding24h, Double pm25Sliding24h, Double o3Sliding8h) {

    /** The six 1-h means, without sliding means. */
    public static HourlyMeans of(Double so2, Double no2, Double co, Double o3, Double pm10, Double pm25) {
        return new HourlyMeans(so2, no2, co, o3, pm10, pm25, null, null, null, null);
    }

    /** The 1-h means by canonical parameter name (so2, no2, co, o3, pm10, pm25); absent names are missing. */
    public static HourlyMeans ofParameters(Map<String, Double> oneHourMeans) {
        return of(oneHourMeans.get("so2"), oneHourMeans.get("no2"), oneHourMeans.get("co"), oneHourMeans.get("o3"),
                oneHourMeans.get("pm10"), oneHourMeans.get("pm25"));
    }

    /** A copy with the 24-h sliding means (HJ 633-2012 only). */
    public HourlyMeans withSliding24h(Double so2, Double pm10, Double pm25) {
        return new HourlyMeans(this.so2, no2, co, o3, this.pm10, this.pm25, so2, pm10, pm25, o3Sliding8h);
    }

    /** A copy with the O3 8-h sliding mean (HJ 633-2012 only). */
    public HourlyMeans withO3Sliding8h(Double o3) {
        return new HourlyMeans(so2, no2, co, this.o3, pm10, pm25, so2Sliding24h, pm10Sliding24h, pm25Sliding24h, o3);
    }
}
