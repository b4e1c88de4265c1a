package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.MqttTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readings, rejections and redelivery through real Mosquitto, the ingest jar and real InfluxDB 1.x. */
class IngestEndToEndIT {

    static IngestHarness harness;
    static MqttTestClient device;

    @BeforeAll
    static void start() {
        harness = new IngestHarness();
        harness.startIngest();
        device = MqttTestClient.connect(harness.mqtt.url());
    }

    @AfterAll
    static void stop() {
        if (device != null) {
            device.close();
        }
        harness.assertNoBlockedEventLoop();
        harness.close();
    }

    @Test
    void readingsFromSeveralSitesLandAsExactlyThatManyPointsWithTheirTagsFieldsAndTimes() {
        int perStation = 60;
        for (int n = 0; n < perStation; n++) {
            for (String station : List.of("S01", "S02", "S03", "S04", "S05")) {
                device.publish("env/air/" + station, harness.reading(n, "pm25", 30 + n), 1);
            }
            device.publish("env/water/W01", harness.reading(n, "do", 7.5), 1);
            device.publish("env/enterprise/E001/DA001", harness.reading(n, "particulate", 12.5), 1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.count("SELECT count(pm25) FROM air WHERE " + harness.readings(0, perStation)) == 5L * perStation);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.count("SELECT count(\"do\") FROM water WHERE section = 'W01' AND "
                + harness.readings(0, perStation)) == perStation);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.count("SELECT count(particulate) FROM emission "
                + "WHERE enterprise = 'E001' AND outlet = 'DA001' AND " + harness.readings(0, perStation)) == perStation);

        List<Map<String, Object>> rows = harness.influx.rows(IngestHarness.DB,
                "SELECT pm25, station FROM air WHERE station = 'S03' ORDER BY time ASC LIMIT 1");
        assertEquals("S03", rows.get(0).get("station"));
        assertEquals(30.0, ((Number) rows.get(0).get("pm25")).doubleValue());
        assertEquals(harness.base.toEpochMilli(), ((Number) rows.get(0).get("time")).longValue());
    }

    @Test
    void everyRejectionReasonIsDeadLetteredRecordedAndCountedWhileValidReadingsInTheBatchAreStored() throws Exception {
        MqttTestClient operator = MqttTestClient.connect(harness.mqtt.url());
        operator.subscribe("env/deadletter");
        String future = "{\"ts\": \"2099-01-01T00:00:00Z\", \"values\": {\"pm25\": 1}}";
        device.publish("env/air/S01", "this is not json", 1);                                   // malformed
        device.publish("env/air/S01", "{\"x\": \"" + "y".repeat(70_000) + "\"}", 1);           // too_large
        device.publish("env/air/S01/extra", harness.reading(1000, "pm25", 1), 1);               // bad_topic
        device.publish("env/air/S99", harness.reading(1000, "pm25", 1), 1);                     // unknown_site
        device.publish("env/enterprise/E001/DA999", harness.reading(1000, "so2", 1), 1);        // unknown_site (outlet)
        device.publish("env/air/S01", harness.reading(1000, "benzene", 1), 1);                  // unknown_parameter
        device.publish("env/air/S01", future, 1);                                               // bad_timestamp
        device.publish("env/air/S02", "{\"readings\": [" + harness.reading(2000, "pm25", 40) + ", "
                + harness.reading(2001, "pm25", -4) + ", " + harness.reading(2002, "pm25", 42) + "]}", 1); // out_of_range at index 1

        List<MqttTestClient.Received> letters = operator.awaitMessages("env/deadletter", 8, Duration.ofSeconds(30));
        ObjectMapper json = new ObjectMapper();
        Set<String> reasons = new TreeSet<>();
        for (MqttTestClient.Received r : letters) {
            JsonNode letter = json.readTree(r.payload());
            reasons.add(letter.get("reason").asText());
            assertTrue(letter.hasNonNull("detail") && letter.hasNonNull("topic") && letter.hasNonNull("receivedAt"), r.payload());
            assertTrue(letter.get("payload").asText().length() <= 4096);
            if (letter.get("reason").asText().equals("out_of_range")) {
                assertEquals(1, letter.get("index").asInt());
                assertEquals("env/air/S02", letter.get("topic").asText());
            }
        }
        assertEquals(Set.of("malformed", "too_large", "bad_topic", "unknown_site", "unknown_parameter",
                "bad_timestamp", "out_of_range"), reasons);

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.count("SELECT count(detail) FROM rejected") == 8);
        Map<String, Long> byReason = harness.influx.rows(IngestHarness.DB,
                        "SELECT count(detail) FROM rejected GROUP BY reason").stream()
                .collect(Collectors.toMap(r -> (String) r.get("reason"), r -> ((Number) r.get("count")).longValue()));
        assertEquals(Map.of("malformed", 1L, "too_large", 1L, "bad_topic", 1L, "unknown_site", 2L,
                "unknown_parameter", 1L, "bad_timestamp", 1L, "out_of_range", 1L), byReason);
        for (String reason : byReason.keySet()) {
            assertEquals(byReason.get(reason), (long) harness.metric("envmon_readings_rejected_total{reason=\"" + reason + "\"}"));
        }
        assertEquals(2, harness.count("SELECT count(pm25) FROM air WHERE station = 'S02' AND pm25 >= 40"));
        operator.close();
    }

    @Test
    void theSameMessageDeliveredTwiceIsOnePoint() {
        String message = harness.reading(5000, "nh3n", 0.42);
        device.publish("env/water/W02", message, 1);
        device.publish("env/water/W02", message, 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> harness.metric("envmon_messages_acknowledged_total") >= 2 && harness.count(
                        "SELECT count(nh3n) FROM water WHERE section = 'W02'") >= 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30))
                .until(() -> harness.count("SELECT count(nh3n) FROM water WHERE section = 'W02'") == 1);
    }

    @Test
    void healthIsUpWhenBrokerAndDatabaseAreReachable() {
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.healthStatus() == 200);
        assertTrue(harness.metrics().contains("envmon_readings_stored_total{kind=\"air\"}"));
    }
}
