package io.envmon.ingest.schema;

import io.envmon.alerts.engine.DailyAqiRecord;
import io.envmon.alerts.engine.PointHourRecord;
import io.envmon.alerts.report.AirDay;
import io.envmon.alerts.report.OutletEvaluation;
import io.envmon.ingest.store.QueryRow;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.SiteKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The rows the reports are computed from (docs/contract.md, extensions): {@code air_daily} (daily AQI records, the
 * same fields as {@code air_hourly}), {@code water_hourly} and {@code emission_hourly} (the hourly means the alert
 * engine judged a section or an outlet on), written and read back.
 */
public final class ReportRows {

    public static final String AIR_DAILY = "air_daily";
    /** The suffix of a stack concentration converted to the outlet's O2 basis ({@code particulate_ref}). */
    public static final String CONVERTED_SUFFIX = "_ref";
    /** The field every hourly row has: how many parameters had a valid mean. */
    public static final String VALID = "valid";
    private static final Set<String> AQI_COLUMNS = Set.of("aqi", "category", "primary", "standard", "stations");

    private ReportRows() {
    }

    /** {@code water_hourly} or {@code emission_hourly}. */
    public static String hourlyMeasurement(SiteKind kind) {
        return kind.measurement() + "_hourly";
    }

    public static StorePoint dailyAqi(DailyAqiRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        r.aqi().ifPresent(aqi -> fields.put("aqi", (long) aqi));
        r.category().ifPresent(c -> fields.put("category", (long) c));
        fields.put("primary", r.primaryCsv());
        r.iaqi().forEach((pollutant, iaqi) -> fields.put("iaqi_" + pollutant, (long) iaqi));
        fields.putAll(r.means());
        fields.put("standard", r.standard());
        fields.put("stations", (long) r.stations());
        return StorePoint.millis(AIR_DAILY, Map.of(PointTags.STATION, r.station()), fields,
                r.dayStart().toEpochMilli());
    }

    public static StorePoint pointHour(PointHourRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.putAll(r.means());
        r.corrected().forEach((p, v) -> fields.put(p + CONVERTED_SUFFIX, v));
        fields.put(VALID, (long) r.means().size());
        return StorePoint.millis(hourlyMeasurement(r.point().kind()), PointTags.of(r.point()), fields,
                r.hourStart().toEpochMilli());
    }

    /** An {@code air_daily} row as the reports read it. */
    public static AirDay airDay(QueryRow row) {
        Double aqi = row.number("aqi");
        Map<String, Double> values = new LinkedHashMap<>();
        for (String p : AirDay.SIX) {
            Double v = row.number(p);
            if (v != null) {
                values.put(p, v);
            }
        }
        return new AirDay(row.value(PointTags.STATION), day(row.time()),
                aqi == null ? OptionalInt.empty() : OptionalInt.of(aqi.intValue()), values);
    }

    /** The day of an {@code air_daily} row (its time is 00:00 Beijing time). */
    public static LocalDate day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), DailyAqiRecord.BEIJING);
    }

    /** The {@code iaqi_{pollutant}} columns of an {@code air_daily} row. */
    public static Map<String, Integer> iaqi(QueryRow row) {
        Map<String, Integer> out = new LinkedHashMap<>();
        row.values().forEach((c, v) -> {
            if (c.startsWith("iaqi_") && row.number(c) != null) {
                out.put(c.substring(5), row.number(c).intValue());
            }
        });
        return out;
    }

    /** The concentration columns of an {@code air_daily} row. */
    public static Map<String, Double> concentrations(QueryRow row) {
        Map<String, Double> out = new LinkedHashMap<>();
        row.values().forEach((c, v) -> {
            if (!c.startsWith("iaqi_") && !AQI_COLUMNS.contains(c) && !PointTags.COLUMNS.contains(c)
                    && row.number(c) != null) {
                out.put(c, row.number(c));
            }
        });
        return out;
    }

    /** A {@code water_hourly} or {@code emission_hourly} row: its means and converted concentrations. */
    public static OutletEvaluation.Hour hour(QueryRow row) {
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> converted = new LinkedHashMap<>();
        row.values().forEach((c, v) -> {
            if (PointTags.COLUMNS.contains(c) || c.equals(VALID)) {
                return;
            }
            Double n = row.number(c);
            if (n == null) {
                return;
            }
            if (c.endsWith(CONVERTED_SUFFIX)) {
                converted.put(c.substring(0, c.length() - CONVERTED_SUFFIX.length()), n);
            } else {
                means.put(c, n);
            }
        });
        return new OutletEvaluation.Hour(means, converted);
    }
}
