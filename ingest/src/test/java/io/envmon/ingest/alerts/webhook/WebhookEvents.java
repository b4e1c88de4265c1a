package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;

/** Alert events for the webhook tests. */
final class WebhookEvents {

    static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    private WebhookEvents() {
    }

    static AlertEvent enterprise(String id, String enterprise, Severity severity, AlertState state) {
        return new AlertEvent(id, "enterprise", enterprise, "DA01", "permit_limit", severity, state, "so2", 412.5,
                400.0, "mg/m³", "1h", T0, T0.plusSeconds(3600), "SO2 超标 / SO2 over the permit limit", null, null);
    }

    static AlertEvent enterprise(String id, String enterprise) {
        return enterprise(id, enterprise, Severity.CRITICAL, AlertState.OPEN);
    }

    static AlertEvent air(String id, String station, Severity severity) {
        return new AlertEvent(id, "air", station, null, "pm25_1h_aqi", severity, AlertState.OPEN, "pm25", 120.0,
                115.0, "µg/m³", "1h", T0, T0.plusSeconds(3600), "PM2.5 中度污染 / PM2.5 moderately polluted", null,
                null);
    }

    static AlertEvent water(String id, String section) {
        return new AlertEvent(id, "water", section, null, "water_class", Severity.MAJOR, AlertState.OPEN, "nh3n", 1.8,
                1.5, "mg/L", "1h", T0, T0.plusSeconds(3600), "氨氮 IV 类 / ammonia nitrogen class IV", null, null);
    }

    static AlertEvent withState(AlertEvent e, AlertState state, Severity severity) {
        return new AlertEvent(e.id(), e.kind(), e.site(), e.point(), e.rule(), severity, state, e.parameter(),
                e.value(), e.threshold(), e.unit(), e.window(), e.startedAt(), e.ts().plusSeconds(3600), e.message(),
                null, null);
    }
}
