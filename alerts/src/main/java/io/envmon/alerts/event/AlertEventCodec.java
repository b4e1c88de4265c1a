package io.envmon.alerts.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The alert event JSON of CONTRACT §5, both ways. Every contract key is written, {@code null} where there is no
 * value ({@code point} for air and water, {@code parameter}/{@code value}/{@code threshold} for offline…); times
 * are RFC 3339 in UTC with milliseconds. The extension keys {@code acknowledgedBy} and {@code acknowledgedAt} are
 * written only once the alert is acknowledged, so an unacknowledged event is exactly the contract's shape.
 */
public final class AlertEventCodec {

    private final ObjectMapper json = new ObjectMapper();

    public String encode(AlertEvent e) {
        ObjectNode n = json.createObjectNode();
        n.put("id", e.id());
        n.put("kind", e.kind());
        n.put("site", e.site());
        n.put("point", e.point());
        n.put("rule", e.rule());
        n.put("severity", e.severity().wire());
        n.put("state", e.state().wire());
        n.put("parameter", e.parameter());
        n.put("value", e.value());
        n.put("threshold", e.threshold());
        n.put("unit", e.unit());
        n.put("window", e.window());
        n.put("startedAt", e.startedAt().toString());
        n.put("ts", e.ts().toString());
        n.put("message", e.message());
        if (e.isAcknowledged()) {
            n.put("acknowledgedBy", e.acknowledgedBy());
            n.put("acknowledgedAt", e.acknowledgedAt().toString());
        }
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write alert event " + e.id(), ex);
        }
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public AlertEvent decode(String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("alert event: not JSON: " + ex.getOriginalMessage(), ex);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("alert event: expected a JSON object");
        }
        try {
            return new AlertEvent(required(n, "id"), required(n, "kind"), required(n, "site"), optional(n, "point"),
                    required(n, "rule"), Severity.fromWire(required(n, "severity")),
                    AlertState.fromWire(required(n, "state")), optional(n, "parameter"), number(n, "value"),
                    number(n, "threshold"), optional(n, "unit"), optional(n, "window"), time(n, "startedAt", true),
                    time(n, "ts", true), required(n, "message"), optional(n, "acknowledgedBy"),
                    time(n, "acknowledgedAt", false));
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new IllegalArgumentException("alert event: " + ex.getMessage(), ex);
        }
    }

    private static String required(JsonNode n, String key) {
        String v = optional(n, key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return v;
    }

    private static String optional(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return v.textValue();
    }

    private static Double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return v.doubleValue();
    }

    private static Instant time(JsonNode n, String key, boolean required) {
        String v = required ? required(n, key) : optional(n, key);
        if (v == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("'" + key + "' is not RFC 3339: '" + v + "'");
        }
    }
}
