package io.envmon.ingest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the API gets a 400 that says what is wrong, never a 500 or everything: times InfluxDB cannot store,
 * a limit that is not a number, an acknowledging name that is not a short name; and the stream's
 * {@code ?access_token=} opens the stream only.
 */
class ApiInputIT {

    static final String BUREAU = "bureau-token-0123456789";

    static IngestHarness harness;

    @BeforeAll
    static void start() {
        harness = new IngestHarness();
        Path tokens = IngestHarness.apiTokens("duty-officer", BUREAU, Map.of());
        harness.startIngest(Map.of("ENVMON_API_TOKENS", tokens.toString()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void timesOutsideWhatInfluxDbStoresAreABadRequest() {
        for (String from : new String[] {"-999999999-01-01T00:00:00Z", "1500-01-01T00:00:00Z"}) {
            HttpResponse<String> r = harness.api(BUREAU, "/api/alerts?state=all&from=" + from);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("from and to must be RFC 3339 times"), r.body());
            assertEquals(400, harness.api(BUREAU, "/api/readings/air/S01?to=" + from).statusCode());
        }
        // an unparseable 'to' with no 'from' (the default 'from' is computed from 'to')
        assertEquals(400, harness.api(BUREAU, "/api/alerts?state=all&to=yesterday").statusCode());
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequestNotEverything() {
        HttpResponse<String> r = harness.api(BUREAU, "/api/alerts?limit=abc");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("limit must be a whole number"), r.body());
        assertEquals(400, harness.api(BUREAU, "/api/readings/air/S01?limit=1e3").statusCode());
        assertEquals(200, harness.api(BUREAU, "/api/alerts?limit=5").statusCode());
    }

    @Test
    void anAcknowledgementNamesSomeoneShortly() {
        HttpResponse<String> object = harness.apiPost(BUREAU, "/api/alerts/abc/ack", "{\"by\": {\"a\": 1}}");
        assertEquals(400, object.statusCode(), object.body());
        assertTrue(object.body().contains("\\\"by\\\" must be a name of 1 to 100 characters")
                || object.body().contains("must be a name of 1 to 100 characters"), object.body());
        assertEquals(400, harness.apiPost(BUREAU, "/api/alerts/abc/ack", "{\"by\": \"" + "x".repeat(101) + "\"}")
                .statusCode());
        assertEquals(400, harness.apiPost(BUREAU, "/api/alerts/abc/ack", "{\"by\": \" \"}").statusCode());
        assertEquals(404, harness.apiPost(BUREAU, "/api/alerts/abc/ack", "{\"by\": \"duty officer Li\"}")
                .statusCode(), "a good name for an unknown alert");
    }

    @Test
    void theAccessTokenParameterOpensTheStreamOnly() {
        // a path that merely ends in /stream (a station called "stream") is not the stream
        HttpResponse<String> r = harness.api(null, "/api/readings/air/stream?access_token=" + BUREAU);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(401, harness.api(null, "/api/alerts?access_token=" + BUREAU).statusCode());
    }

    @Test
    void readingsComeRoundedToTheirParametersDecimals() {
        io.envmon.testkit.MqttTestClient device = io.envmon.testkit.MqttTestClient.connect(harness.mqtt.url());
        device.publish("env/air/S02", "{\"ts\": \"" + harness.base + "\", \"values\": {\"pm25\": 131.05315000000002, "
                + "\"co\": 1.25, \"temp\": -3.14159}}", 1);
        device.close();
        String path = "/api/readings/air/S02?from=" + harness.base.minusSeconds(1) + "&to=" + harness.base.plusSeconds(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> harness.api(BUREAU, path).body().contains("pm25"));
        String body = harness.api(BUREAU, path).body();
        // PM2.5 to whole µg/m³ and CO to 0.1 mg/m³ (HJ 633-2026 §4.2.2), half to even; temperature to 0.1 °C
        for (String value : new String[] {"\"pm25\":131.0", "\"co\":1.2", "\"temp\":-3.1"}) {
            assertTrue(body.contains(value + ",") || body.contains(value + "}"), value + " in " + body);
        }
    }

    @Test
    void readingsOfASiteTheRegistryDoesNotKnowAreA404NotAnEmptyList() {
        HttpResponse<String> r = harness.api(BUREAU, "/api/readings/air/S99");
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("no air site S99 in the registry"), r.body());
        assertEquals(404, harness.api(BUREAU, "/api/readings/enterprise/E001/DA009").statusCode());
        assertEquals(200, harness.api(BUREAU, "/api/readings/air/S01").statusCode());
    }
}
