package io.envmon.alerts.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONTRACT §5: the alert event JSON, and stable IDs. */
class AlertEventCodecTest {

    private static final List<String> CONTRACT_KEYS = List.of("id", "kind", "site", "point", "rule", "severity",
            "state", "parameter", "value", "threshold", "unit", "window", "startedAt", "ts", "message");

    private final AlertEventCodec codec = new AlertEventCodec();
    private final AlertKey key = new AlertKey("enterprise", "E001", "DA001", "permit_limit", "particulate");
    private final Instant started = Instant.parse("2026-11-28T00:00:00Z");
    private final AlertEvent event = new AlertEvent(key.id(started), "enterprise", "E001", "DA001", "permit_limit",
            Severity.CRITICAL, AlertState.OPEN, "particulate", 45.2, 30.0, "mg/m³", "1h", started,
            Instant.parse("2026-11-28T01:00:00Z"), "颗粒物超标 / particulate over the limit", null, null);

    @Test
    void writesExactlyTheContractKeysUntilAcknowledged() throws Exception {
        JsonNode n = new ObjectMapper().readTree(codec.encode(event));
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertEquals(CONTRACT_KEYS, keys);
        assertEquals("critical", n.get("severity").asText());
        assertEquals("open", n.get("state").asText());
        assertEquals("2026-11-28T00:00:00Z", n.get("startedAt").asText());
        assertEquals(45.2, n.get("value").asDouble());

        AlertEvent acked = event.acknowledged("duty officer 王", Instant.parse("2026-11-28T01:05:00Z"));
        JsonNode a = new ObjectMapper().readTree(codec.encode(acked));
        assertEquals("duty officer 王", a.get("acknowledgedBy").asText());
        assertEquals("2026-11-28T01:05:00Z", a.get("acknowledgedAt").asText());
        assertEquals("2026-11-28T01:05:00Z", a.get("ts").asText(), "an acknowledgement is stamped when it happened");
    }

    @Test
    void roundTrips() {
        assertEquals(event, codec.decode(codec.encode(event)));
        AlertEvent acked = event.acknowledged("bureau", Instant.parse("2026-11-28T01:05:00Z"));
        assertEquals(acked, codec.decode(codec.encode(acked)));
        AlertEvent offline = new AlertEvent("x", "air", "TG-A01", null, "offline", Severity.WARNING, AlertState.OPEN,
                null, null, null, "min", "instant", started, started, "m", null, null);
        assertEquals(offline, codec.decode(codec.encode(offline)));
    }

    @Test
    void decodingNamesTheBadKey() {
        String noSeverity = codec.encode(event).replace("\"severity\":\"critical\",", "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(noSeverity)).getMessage()
                .contains("'severity' is missing"));
        String badState = codec.encode(event).replace("\"open\"", "\"acknowledged\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode(badState)).getMessage()
                .contains("state 'acknowledged' is not one of open, escalated, resolved"));
    }

    @Test
    void idsAreStableAndDifferPerEpisode() {
        assertEquals(key.id(started), new AlertKey("enterprise", "E001", "DA001", "permit_limit", "particulate")
                .id(Instant.parse("2026-11-28T00:00:00.000Z")));
        assertNotEquals(key.id(started), key.id(started.plusSeconds(3600)), "a later episode gets a new ID");
        assertNotEquals(key.id(started), new AlertKey("enterprise", "E001", "DA001", "permit_limit", "so2").id(started));
        assertNotEquals(new AlertKey("air", "A", null, "r", null).id(started),
                new AlertKey("air", "A", null, "r", "").id(started).replace('a', 'b') + "x");
        assertThrows(IllegalArgumentException.class, () -> new AlertKey("lake", "X", null, "r", null));
    }
}
