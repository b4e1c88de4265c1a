package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The durable spool with real processes (docs/operations.md#the-durable-spool): while InfluxDB is stopped the
 * service acknowledges readings once they are on disk in its spool, so the broker holds nothing of them; the broker
 * and then the service are killed with SIGKILL and restarted; when InfluxDB returns every reading is stored.
 */
class DurableSpoolIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int N = 400;
    static final Map<String, String> SETTINGS = Map.of("ENVMON_SPOOL_AFTER", "1s");

    IngestHarness harness;

    @BeforeEach
    void start() {
        harness = new IngestHarness();
        harness.startIngest(SETTINGS);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    long stored() {
        return harness.count("SELECT count(pm25) FROM air WHERE station = 'S01' AND " + harness.readings(0, N));
    }

    /**
     * @param brokerLosesItsSave true: the broker's persistence file is deleted after the kill, as if it had saved
     *                           nothing since the outage began (its snapshot is periodic); only the spool has the
     *                           readings then. Without a spool this loses all of them.
     */
    @ParameterizedTest(name = "broker loses its save: {0}")
    @ValueSource(booleans = {false, true})
    void readingsAcknowledgedDuringAnInfluxDbOutageSurviveSigkillOfBrokerAndServiceAndAreStoredOnce(
            boolean brokerLosesItsSave) throws IOException {
        harness.influx.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.healthStatus() == 503);

        try (MqttTestClient device = MqttTestClient.connect(harness.mqtt.url())) {
            for (int n = 0; n < N; n++) {
                device.publish("env/air/S01", harness.reading(n, "pm25", 10 + n % 40), 1);
            }
        }
        // every message acknowledged to the broker although InfluxDB is away: each is a record in the spool
        await("all acknowledged from the spool").atMost(Duration.ofSeconds(60))
                .until(() -> harness.metric("envmon_messages_acknowledged_total") >= N);
        assertTrue(harness.metric("envmon_spool_records") >= N, harness.metrics());
        assertTrue(harness.metric("envmon_spool_bytes") > 0);
        String health = harness.healthBody();
        assertEquals("DEGRADED", JSON.readTree(health).path("components").path("spool").path("status").asText(),
                health);

        harness.mqtt.kill();
        if (brokerLosesItsSave) {
            try (Stream<Path> files = Files.list(harness.mqtt.directory())) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                    Files.delete(f);
                }
            }
        }
        harness.mqtt.start();
        harness.ingest.sigkill();
        assertEquals(137, harness.ingest.waitFor(Duration.ofSeconds(30)));
        harness.startIngest(SETTINGS);
        // the spool was recovered from disk: what it held is waiting again, InfluxDB still away
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.metric("envmon_spool_records") >= N);
        assertTrue(harness.ingest.output().contains("left from the last run"), harness.ingest.outputTail(30));

        harness.influx.start();
        await("all stored").atMost(Duration.ofSeconds(120)).until(() -> stored() == N);
        await("spool drained").atMost(Duration.ofSeconds(60))
                .until(() -> harness.metric("envmon_spool_records") == 0 && harness.healthStatus() == 200);
        assertTrue(harness.metric("envmon_spool_drained_points_total") >= N, harness.metrics());
        // a point is its series and time: written twice it is still one, so the count is exact (and cannot grow past
        // N: waiting to see it stay N would prove nothing)
        System.out.printf("fault: broker SIGKILL during an InfluxDB outage, then ingest SIGKILL (broker save lost: %s):"
                + " sent %d, stored %d, duplicated %d, dead-lettered %.0f%n", brokerLosesItsSave, N, stored(),
                stored() - N, harness.metrics().lines().filter(l -> l.startsWith("envmon_readings_rejected_total"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
        JsonNode healthy = JSON.readTree(harness.healthBody());
        assertEquals("UP", healthy.path("status").asText(), healthy.toString());
        assertEquals("empty", healthy.path("components").path("spool").path("detail").asText(), healthy.toString());
        harness.assertNoBlockedEventLoop();
    }
}
