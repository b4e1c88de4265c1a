package io.envmon.ingest.schema;

import io.envmon.alerts.engine.HourlyAqiRecord;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.store.StorePoint;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.store.QueryRow;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps alert events and hourly AQI records onto the {@code alert} and {@code air_hourly} measurements
 * (CONTRACT §4), and alert rows back onto events. Alert rows carry, beyond the contract's fields, what is needed to
 * rebuild the event after a restart: {@code point}, {@code started_at}, {@code unit}, {@code window},
 * {@code acknowledged_by}, {@code acknowledged_at}, and two extension tags, {@code subject} and {@code transition}
 * (docs/contract.md, extensions).
 */
public final class AlertRows {

    public static final String ALERT = "alert";
    public static final String AIR_HOURLY = "air_hourly";
    private static final Logger LOG = LoggerFactory.getLogger(AlertRows.class);

    private AlertRows() {
    }

    public static StorePoint alert(AlertEvent e) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("kind", e.kind());
        tags.put("site", e.site());
        tags.put("rule", e.rule());
        tags.put("severity", e.severity().wire());
        // extension tag: without it, two alerts of one site, rule and severity at the same time (particulate and
        // SO2 of one stack closing the same hour) are the same point, and one overwrites the other
        tags.put("subject", subject(e));
        // extension tag: an hour rated again can open and resolve one alert at the same time; without it the two
        // events are one point and the history keeps only the last written
        tags.put("transition", e.state().wire());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", e.state().wire());
        fields.put("alert_id", e.id());
        fields.put("parameter", e.parameter() == null ? "" : e.parameter());
        if (e.value() != null && Double.isFinite(e.value())) {
            fields.put("value", e.value());
        }
        if (e.threshold() != null && Double.isFinite(e.threshold())) {
            fields.put("threshold", e.threshold());
        }
        fields.put("message", e.message());
        fields.put("point", e.point() == null ? "" : e.point());
        fields.put("started_at", e.startedAt().toEpochMilli());
        fields.put("unit", e.unit() == null ? "" : e.unit());
        fields.put("window", e.window() == null ? "" : e.window());
        if (e.acknowledgedBy() != null) {
            fields.put("acknowledged_by", e.acknowledgedBy());
            fields.put("acknowledged_at", e.acknowledgedAt().toEpochMilli());
        }
        return StorePoint.millis(ALERT, tags, fields, e.ts().toEpochMilli());
    }

    /**
     * Orders rows of one alert as they happened: by time, and at the same time by the lifecycle (open, escalated,
     * resolved), since InfluxDB returns rows of equal time in no particular order.
     */
    public static final Comparator<QueryRow> HAPPENED = Comparator.comparingLong(QueryRow::time)
            .thenComparingInt(AlertRows::lifecycleRank);

    /** The row that records where an alert stands now: the last one {@link #HAPPENED}. */
    public static Optional<QueryRow> newest(List<QueryRow> rowsOfOneAlert) {
        return rowsOfOneAlert.stream().max(HAPPENED);
    }

    private static int lifecycleRank(QueryRow row) {
        try {
            return AlertState.fromWire(row.value("state")).ordinal();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** What the alert is about within its site: {@code DA001/particulate}, {@code pm25}, {@code DA001/-}. */
    static String subject(AlertEvent e) {
        String parameter = e.parameter() == null || e.parameter().isEmpty() ? "-" : e.parameter();
        return e.point() == null ? parameter : e.point() + "/" + parameter;
    }

    public static StorePoint hourlyAqi(HourlyAqiRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        r.aqi().ifPresent(aqi -> fields.put("aqi", (long) aqi));
        r.category().ifPresent(c -> fields.put("category", (long) c));
        fields.put("primary", r.primaryCsv());
        r.iaqi().forEach((pollutant, iaqi) -> fields.put("iaqi_" + pollutant, (long) iaqi));
        fields.putAll(r.means());
        fields.put("standard", r.standard());
        return StorePoint.millis(AIR_HOURLY, Map.of(PointTags.STATION, r.station()), fields, r.hourStart().toEpochMilli());
    }

    /** An {@code alert} row read back as the event it recorded; empty (and logged) when it cannot be. */
    public static Optional<AlertEvent> read(QueryRow row) {
        try {
            Double startedAt = row.number("started_at");
            Double ackAt = row.number("acknowledged_at");
            return Optional.of(new AlertEvent(row.value("alert_id"), row.value("kind"), row.value("site"),
                    blankToNull(row.value("point")), row.value("rule"), Severity.fromWire(row.value("severity")),
                    AlertState.fromWire(row.value("state")), blankToNull(row.value("parameter")), row.number("value"),
                    row.number("threshold"), row.value("unit") == null ? "" : row.value("unit"),
                    blankToNull(row.value("window")),
                    startedAt == null ? Instant.ofEpochMilli(row.time()) : Instant.ofEpochMilli(startedAt.longValue()),
                    Instant.ofEpochMilli(row.time()), row.value("message"), blankToNull(row.value("acknowledged_by")),
                    ackAt == null ? null : Instant.ofEpochMilli(ackAt.longValue())));
        } catch (RuntimeException e) {
            LOG.warn("alert row at {} cannot be read back ({}); skipped", row.time(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
