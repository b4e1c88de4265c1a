package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.testkit.MqttTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An integrity alert is for the bureau only (the default audience of the integrity rules): the enterprise it is
 * about does not get it on its topic or through the API (list, history, by ID), the bureau does.
 */
class BureauOnlyAlertsIT {

    static final String BUREAU = "bureau-token-0123456789";
    static final String E001 = "e001-token-0123456789";
    static final String RULE = "integrity_impossible_combination";

    static IngestHarness harness;

    @BeforeAll
    static void start() {
        harness = new IngestHarness();
        Path tokens = IngestHarness.apiTokens("duty-officer", BUREAU, Map.of("E001", E001));
        harness.startIngest(Map.of("ENVMON_API_TOKENS", tokens.toString()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void anIntegrityAlertReachesTheBureauAndNotTheEnterprise() {
        MqttTestClient enterprise = MqttTestClient.connect(harness.mqtt.url());
        enterprise.subscribe("env/alerts/enterprise/E001");
        MqttTestClient device = MqttTestClient.connect(harness.mqtt.url());
        // E001/DW001 (wastewater, COD limit 100): COD 50 mg/L with no flow for an hour, then the reading that closes it
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        for (int minute = 0; minute <= 66; minute++) {
            if (minute <= 59 || minute == 66) {
                device.publish("env/enterprise/E001/DW001", "{\"ts\": \"" + hour.plus(minute, ChronoUnit.MINUTES)
                        + "\", \"values\": {\"cod\": 50.0, \"flow\": 0.0}}", 1);
            }
        }
        device.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.api(BUREAU, "/api/alerts").body().contains(RULE));
        String id = idOf(harness.api(BUREAU, "/api/alerts").body());

        HttpResponse<String> list = harness.api(E001, "/api/alerts");
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(RULE), list.body());
        assertEquals(404, harness.api(E001, "/api/alerts/" + id).statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.api(BUREAU, "/api/alerts?state=all").body()
                .contains(RULE));
        assertFalse(harness.api(E001, "/api/alerts?state=all").body().contains(RULE));
        assertTrue(enterprise.messages("env/alerts/enterprise/E001").stream()
                .noneMatch(m -> m.payload().contains(RULE)), "not on the enterprise's topic");
        enterprise.close();
    }

    private static String idOf(String listJson) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^}]*\"rule\"\\s*:\\s*\"" + RULE + "\"").matcher(listJson);
        assertTrue(m.find(), listJson);
        return m.group(1);
    }
}
