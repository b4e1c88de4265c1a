package io.envmon.alerts.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One stored daily AQI record ({@code air_daily}) as the reports read it.
 *
 * @param site   a station ID or the district's ID
 * @param day    the natural day, Beijing time
 * @param aqi    the daily AQI; empty when it was not published (HJ 633-2026 §5.3 {@code NA})
 * @param values the valid daily values: {@code so2}, {@code no2}, {@code co}, {@code pm10}, {@code pm25} daily
 *               means and {@code o3} the daily maximum 8-h mean (absent: not valid that day)
 */
public record AirDay(String site, LocalDate day, OptionalInt aqi, Map<String, Double> values) {

    /** The six pollutants of the daily report (HJ 633-2026 §4.2.2). */
    public static final java.util.List<String> SIX = java.util.List.of("so2", "no2", "co", "o3", "pm10", "pm25");

    public AirDay {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(aqi, "aqi");
        values = Map.copyOf(values);
    }

    /**
     * A valid monitoring day (standards.md §9.6, ◐): a daily AQI was rated with all six pollutants valid, or with
     * one missing but the AQI of the others over 100 (HJ 633-2026 §5.3.1 publishes it then; such a day is
     * polluted whatever the missing pollutant was).
     */
    public boolean valid() {
        if (aqi.isEmpty()) {
            return false;
        }
        return aqi.getAsInt() > 100 || SIX.stream().allMatch(values::containsKey);
    }
}
