package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.HourlyAqiRecord;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.store.StorePoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps alert events and hourly AQI records onto the {@code alert} and {@code air_hourly} measurements
 * (CONTRACT §4). Alert rows carry, beyond the contract's fields, what is needed to rebuild the event after a
 * restart: {@code point}, {@code started_at}, {@code unit}, {@code window}, {@code acknowledged_by},
 * {@code acknowledged_at}, and one extension tag, {@code subject} (docs/contract.md, extensions).
 */
public final class AlertRows {

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
        return StorePoint.millis("alert", tags, fields, e.ts().toEpochMilli());
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
        return StorePoint.millis("air_hourly", Map.of("station", r.station()), fields, r.hourStart().toEpochMilli());
    }
}
