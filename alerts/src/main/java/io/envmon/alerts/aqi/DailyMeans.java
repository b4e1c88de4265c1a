package io.envmon.alerts.aqi;

/**
 * The valid daily values one station has for one day, as the daily report (日报) needs them. {@code null} means
 * missing or invalid (see {@code io.envmon.alerts.air.DailyMeanCalculator} and {@code EightHourMeanCalculator}).
 * Units: µg/m³, CO mg/m³.
 *
 * @param o3Max8h the daily maximum 8-h sliding mean of O3 (both editions)
 * @param o3Max1h the daily maximum 1-h mean of O3: HJ 633-2012 only (its 7th daily indicator); ignored under 2026
 */
public record DailyMeans(Double so2, Double no2, Double co, Double pm10, Double pm25, Double o3Max8h,
                         Double o3Max1h) {
}
