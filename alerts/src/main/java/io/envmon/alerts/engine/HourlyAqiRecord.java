package io.envmon.alerts.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One station's real-time AQI for one hour, as the {@code air_hourly} measurement stores it (CONTRACT §4).
 *
 * @param station   the {@code station} tag
 * @param hourStart the point's timestamp: the start of the hour
 * @param standard  {@code HJ633-2026} or {@code HJ633-2012}
 * @param aqi       {@code aqi}; empty when not published (HJ 633-2026 §5.3: a pollutant missing and the AQI of
 *                  the others ≤ 100): write no {@code aqi}/{@code category} field then
 * @param category  {@code category}, 1 to 6; empty exactly when {@code aqi} is
 * @param primary   the primary pollutants ({@code primary} = {@link #primaryCsv()}); empty when AQI ≤ 50
 * @param iaqi      {@code iaqi_{pollutant}} for each pollutant rated (the larger where HJ 633-2012 rates two
 *                  columns, O3 1-h and 8-h)
 * @param means     {@code {pollutant}}: the valid 1-h means used, µg/m³ (CO mg/m³)
 * @param notes     why the result is what it is (for logs; not stored)
 */
public record HourlyAqiRecord(String station, Instant hourStart, String standard, OptionalInt aqi,
                              OptionalInt category, List<String> primary, Map<String, Integer> iaqi,
                              Map<String, Double> means, List<String> notes) {

    public HourlyAqiRecord {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(hourStart, "hourStart");
        Objects.requireNonNull(standard, "standard");
        primary = List.copyOf(primary);
        iaqi = Collections.unmodifiableMap(new LinkedHashMap<>(iaqi));
        means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
        notes = List.copyOf(notes);
    }

    /** The {@code primary} field: {@code pm25} or {@code pm10,pm25}; empty when none. */
    public String primaryCsv() {
        return String.join(",", primary);
    }
}
