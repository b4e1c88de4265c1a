package io.envmon.ingest.hj212;

import io.envmon.hj212.DataKind;
import io.envmon.hj212.PollutantValues;
import io.envmon.hj212.mapping.AggregateRecord;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.DataFlag;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The InfluxDB rows HJ 212 adds to the contract's schema (docs/contract.md "Extensions", docs/hj212.md "Storage").
 * Tags are the readings' ({@code station}, {@code section}, {@code enterprise}+{@code outlet}); every row is keyed by
 * its tags and the frame's time, so a frame stored twice (a resend, a redelivery) stays one row.
 * <ul>
 *   <li>{@code {air|water|emission}_{minute|hour|day}}: CN 2051/2061/2031, timestamp = start of the period,
 *       fields {@code {param}_avg|_min|_max|_cou|_zsavg|_zsmin|_zsmax} (floats, where sent) and {@code {param}_flag}
 *       (where not N);</li>
 *   <li>{@code {air|water|emission}_zs}: {@code -ZsRtd} of CN 2011 (converted to the reference O2), one float field
 *       per parameter, the reading's timestamp;</li>
 *   <li>{@code hj212_unmapped}: codes that became no reading, tags + {@code mn}, {@code cn}, {@code code}; one
 *       string field per suffix as sent ({@code Rtd}, {@code Flag}, {@code RS}, {@code Info}...) and {@code problem}
 *       when the mapping said why. Plain fields (e.g. {@code RestartTime}) go into a row without {@code code}.</li>
 * </ul>
 */
public final class Hj212PointMapper {

    public static final String UNMAPPED = "hj212_unmapped";


    /** {@code minute}, {@code hour} or {@code day}; {@code null} for real-time data. */
    public static String period(DataKind kind) {
        return switch (kind) {
            case MINUTE -> "minute";
            case HOURLY -> "hour";
            case DAILY -> "day";
            case REALTIME -> null;
        };
    }

    public static String aggregateMeasurement(MonitoredPoint point, DataKind kind) {
        return point.kind().measurement() + "_" + period(kind);
    }

    public StorePoint aggregate(MonitoredPoint point, AggregateRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.values().forEach((parameter, v) -> {
            put(fields, parameter + "_avg", v.avg());
            put(fields, parameter + "_min", v.min());
            put(fields, parameter + "_max", v.max());
            put(fields, parameter + "_cou", v.cou());
            put(fields, parameter + "_zsavg", v.zsAvg());
            put(fields, parameter + "_zsmin", v.zsMin());
            put(fields, parameter + "_zsmax", v.zsMax());
            if (v.flag() != null && !DataFlag.N.name().equals(v.flag())) {
                fields.put(parameter + "_flag", v.flag());
            }
        });
        return StorePoint.millis(aggregateMeasurement(point, record.kind()), PointTags.of(point), fields,
                record.periodStart().toEpochMilli());
    }

    public StorePoint converted(MonitoredPoint point, Instant ts, Map<String, Double> zsRtd) {
        return StorePoint.millis(point.kind().measurement() + "_zs", PointTags.of(point), new LinkedHashMap<>(zsRtd),
                ts.toEpochMilli());
    }

    public StorePoint unmapped(MonitoredPoint point, String mn, String cn, Instant ts, PollutantValues code,
                               String problem) {
        Map<String, String> tags = PointTags.of(point);
        tags.put("mn", mn);
        tags.put("cn", cn);
        tags.put("code", code.code());
        Map<String, Object> fields = new LinkedHashMap<>(code.values());
        if (problem != null) {
            fields.put("problem", problem);
        }
        return StorePoint.millis(UNMAPPED, tags, fields, ts.toEpochMilli());
    }

    /** The plain fields of a data region other than {@code DataTime} ({@code RestartTime}, {@code SystemTime}...). */
    public StorePoint plain(MonitoredPoint point, String mn, String cn, Instant ts, Map<String, String> plainFields) {
        Map<String, String> tags = PointTags.of(point);
        tags.put("mn", mn);
        tags.put("cn", cn);
        return StorePoint.millis(UNMAPPED, tags, new LinkedHashMap<>(plainFields), ts.toEpochMilli());
    }

    private static void put(Map<String, Object> fields, String name, Double value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
