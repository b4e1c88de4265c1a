package io.envmon.alerts.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One station's (or the district's) daily AQI for one natural day in Beijing time (HJ 633 daily report, 日报), as
 * the {@code air_daily} measurement stores it (docs/contract.md): the same fields as {@link HourlyAqiRecord}.
 *
 * @param station  the {@code station} tag: a station ID, or the district's ID ({@code heavyPollution.site})
 * @param dayStart the point's timestamp: 00:00 Beijing time of the day (16:00 UTC the day before)
 * @param standard {@code HJ633-2026} or {@code HJ633-2012}
 * @param aqi      empty when not published (HJ 633-2026 §5.3: a pollutant missing and the AQI of the others ≤ 100)
 * @param category 1 to 6; empty exactly when {@code aqi} is
 * @param primary  the primary pollutants; empty when AQI ≤ 50
 * @param iaqi     {@code iaqi_{pollutant}} for each pollutant rated (O3: the larger of its 8-h and, under
 *                 HJ 633-2012, 1-h IAQI)
 * @param means    {@code {pollutant}}: the valid daily values used, µg/m³ (CO mg/m³): the daily means of SO2, NO2,
 *                 CO, PM10, PM2.5 and, for {@code o3}, the daily maximum 8-h mean; under HJ 633-2012 also
 *                 {@code o3_1h_max}, the daily maximum 1-h mean
 * @param stations the stations averaged (1 for a station's own record)
 * @param notes    why the result is what it is (for logs; not stored)
 */
public record DailyAqiRecord(String station, Instant dayStart, String standard, OptionalInt aqi, OptionalInt category,
                             List<String> primary, Map<String, Integer> iaqi, Map<String, Double> means, int stations,
                             List<String> notes) {

    /** Beijing time, the clock of the natural day (national networks report in UTC+8; standards.md §9.7). */
    public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    public DailyAqiRecord {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(dayStart, "dayStart");
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

    /** The day, in Beijing time. */
    public LocalDate day() {
        return LocalDate.ofInstant(dayStart, BEIJING);
    }

    /** 00:00 Beijing time of the day holding {@code t}. */
    public static Instant dayStartOf(Instant t) {
        return LocalDate.ofInstant(t, BEIJING).atStartOfDay(BEIJING).toInstant();
    }
}
