package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;

/** Alert events for the alert runtime's tests. */
final class AlertEvents {

    private AlertEvents() {
    }

    static AlertEvent air(String id, String station, AlertState state, Instant ts) {
        return new AlertEvent(id, "air", station, null, "pm25_1h_aqi", Severity.WARNING, state, "pm25", 120.0, 115.0,
                "µg/m³", "1h", ts.minusSeconds(3600), ts, "PM2.5 中度污染 / PM2.5 moderately polluted", null, null);
    }

    static AlertEvent integrity(String id, String station, Instant ts) {
        return new AlertEvent(id, "air", station, null, "integrity_flatline", Severity.INFO, AlertState.OPEN, "pm25",
                null, null, "", "instant", ts.minusSeconds(3600), ts, "数据恒定 / flat data", null, null);
    }
}
