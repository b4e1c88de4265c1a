package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts through the whole service: readings over MQTT raise a permit alert by the rules, which is published on
 * {@code env/alerts/...}, written to the {@code alert} measurement and served by the API, to the bureau and to
 * that enterprise only; the bureau acknowledges it; a restart keeps it (same ID, no duplicate); clean hours
 * resolve it. Hourly AQI rows are written for air stations.
 *
 * <p>The servers and the service are shared, the data is not: each test raises the alerts it needs on outlets and
 * stations no other test sends for (this class's registry has an outlet per test), so the tests pass in any order
 * and one failure fails only itself.
 */
class AlertsEndToEndIT {

    /** {@link IngestHarness#REGISTRY}'s enterprises with an outlet per test (same limits as E001's DA001). */
    static final String REGISTRY = """
            air:
              - {id: S01, name: 测试站一}
              - {id: S02, name: 测试站二}
            enterprises:
              - id: E001
                name: 测试玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DA002, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DA003, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DA004, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DA005, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200, nox: 300}}
              - id: E002
                name: 测试砖瓦有限公司
                industry: brick_kiln
                outlets:
                  - {id: DA001, type: stack, referenceO2: 8.6, limits: {particulate: 30, so2: 300, nox: 200}}
            """;

    static final String BUREAU = "bureau-token-0123456789";
    static final String E001 = "e001-token-0123456789";
    static final String E002 = "e002-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    static IngestHarness harness;
    static MqttTestClient device;
    static MqttTestClient bureauSubscriber;
    static Map<String, String> env;
    /** A clock hour three hours ago: its readings are complete and it is closed by a later reading. */
    static Instant hour;
    static com.sun.net.httpserver.HttpServer receiver;
    static final java.util.concurrent.CopyOnWriteArrayList<String> toBureau = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final java.util.concurrent.CopyOnWriteArrayList<String> toE002 = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        harness = new IngestHarness(REGISTRY);
        Path tokens = IngestHarness.apiTokens("duty-officer", BUREAU, Map.of("E001", E001, "E002", E002));
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        for (var hook : List.of(Map.entry("/bureau", toBureau), Map.entry("/e002", toE002))) {
            receiver.createContext(hook.getKey(), exchange -> {
                hook.getValue().add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
        }
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Path webhooks = Files.createTempFile("envmon-it-webhooks", ".yaml");
        Files.writeString(webhooks, """
                webhooks:
                  - {name: bureau, url: %s/bureau, secret: bureau-secret-0123456789, audience: bureau}
                  - {name: e002, url: %s/e002, secret: e002-secret-0123456789, audience: {enterprise: E002}}
                """.formatted(base, base));
        env = Map.of("ENVMON_API_TOKENS", tokens.toString(), "ENVMON_ALERT_TICK", "2s",
                "ENVMON_WEBHOOKS", webhooks.toString());
        harness.startIngest(env);
        hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        device = MqttTestClient.connect(harness.mqtt.url());
        bureauSubscriber = MqttTestClient.connect(harness.mqtt.url());
        bureauSubscriber.subscribe("env/alerts/#");
    }

    @AfterAll
    static void stop() {
        device.close();
        bureauSubscriber.close();
        harness.assertNoBlockedEventLoop();
        harness.close();
        receiver.stop(0);
    }

    /** One reading a minute for the hour starting at {@code start}, then one that closes it. */
    static void publishHour(String topic, Instant start, String values) {
        for (int minute = 0; minute <= 66; minute++) {
            if (minute > 59 && minute != 66) {
                continue;
            }
            device.publish(topic, "{\"ts\": \"" + start.plus(minute, ChronoUnit.MINUTES) + "\", \"values\": " + values + "}", 1);
        }
    }

    static List<JsonNode> alertsOn(String topic) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (MqttTestClient.Received r : bureauSubscriber.messages(topic)) {
            out.add(JSON.readTree(r.payload()));
        }
        return out;
    }

    /** The first permit event of {@code outlet} in {@code state}, or null. */
    static JsonNode permitAlert(List<JsonNode> events, String outlet, String state) {
        return permitEvents(events, outlet).stream().filter(e -> e.get("state").asText().equals(state)).findFirst()
                .orElse(null);
    }

    static List<JsonNode> permitEvents(List<JsonNode> events, String outlet) {
        return events.stream().filter(e -> e.get("rule").asText().startsWith("permit")
                && outlet.equals(e.path("point").asText())).toList();
    }

    /**
     * Publishes an hour of E001's {@code outlet} with particulate at {@code particulate} mg/m³ (limit 40) and waits
     * for the open permit alert it raises; returns that alert as published.
     */
    static JsonNode raiseE001PermitAlert(String outlet, double particulate) throws IOException {
        publishHour("env/enterprise/E001/" + outlet, hour, "{\"particulate\": " + particulate + ", \"o2\": 15.0}");
        await("open permit alert on E001/" + outlet).atMost(Duration.ofSeconds(90))
                .until(() -> permitAlert(alertsOn("env/alerts/enterprise/E001"), outlet, "open") != null);
        return permitAlert(alertsOn("env/alerts/enterprise/E001"), outlet, "open");
    }

    @Test
    void anHourOverThePermitLimitRaisesOneCriticalAlertPublishedStoredAndServed() throws IOException {
        JsonNode alert = raiseE001PermitAlert("DA001", 80.0);
        String alertId = alert.get("id").asText();
        assertEquals("critical", alert.get("severity").asText());
        assertEquals("enterprise", alert.get("kind").asText());
        assertEquals("DA001", alert.get("point").asText());
        assertEquals("particulate", alert.get("parameter").asText());
        assertEquals(80.0, alert.get("value").asDouble(), 0.01);
        assertEquals(40.0, alert.get("threshold").asDouble(), 0.01);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                harness.count("SELECT count(state) FROM alert WHERE alert_id = '" + alertId + "'") >= 1);

        HttpResponse<String> bureau = harness.api(BUREAU, "/api/alerts");
        assertEquals(200, bureau.statusCode());
        assertTrue(bureau.body().contains(alertId), bureau.body());
        HttpResponse<String> own = harness.api(E001, "/api/alerts/" + alertId);
        assertEquals(200, own.statusCode(), own.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> toBureau.stream().anyMatch(b -> b.contains(alertId)));
    }

    @Test
    void anotherEnterpriseNeverSeesItAndTokensAreRequired() throws IOException {
        String alertId = raiseE001PermitAlert("DA002", 80.0).get("id").asText();
        await("the bureau's webhook delivery").atMost(Duration.ofSeconds(60))
                .until(() -> toBureau.stream().anyMatch(b -> b.contains(alertId)));
        HttpResponse<String> list = harness.api(E002, "/api/alerts");
        assertEquals(200, list.statusCode());
        assertTrue(!list.body().contains(alertId) && !list.body().contains("E001"), list.body());
        assertEquals(404, harness.api(E002, "/api/alerts/" + alertId).statusCode());
        assertEquals(403, harness.api(E002, "/api/alerts?site=E001").statusCode());
        assertEquals(403, harness.api(E002, "/api/readings/enterprise/E001/DA001").statusCode());
        assertEquals(403, harness.api(E002, "/api/readings/air/S01").statusCode());
        assertEquals(200, harness.api(E001, "/api/readings/enterprise/E001/DA002?from=" + hour + "&to="
                + hour.plus(2, ChronoUnit.HOURS)).statusCode());
        assertEquals(401, harness.api(null, "/api/alerts").statusCode());
        assertEquals(401, harness.api("not-a-token-at-all", "/api/alerts").statusCode());
        assertTrue(toE002.stream().noneMatch(b -> b.contains("E001")), "E002's webhook never receives E001's alerts");
        assertEquals(403, harness.api(E002, "/api/webhooks/deliveries").statusCode());
        await("the delivery recorded").atMost(Duration.ofSeconds(60))
                .until(() -> harness.api(BUREAU, "/api/webhooks/deliveries").body().contains("delivered"));
    }

    @Test
    void theBureauAcknowledgesAndEnterprisesCannot() throws IOException {
        String alertId = raiseE001PermitAlert("DA003", 80.0).get("id").asText();
        assertEquals(403, harness.apiPost(E001, "/api/alerts/" + alertId + "/ack", "{}").statusCode());
        HttpResponse<String> ack = harness.apiPost(BUREAU, "/api/alerts/" + alertId + "/ack", "{\"by\": \"值班员 李\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode event = JSON.readTree(ack.body());
        assertEquals(alertId, event.get("id").asText());
        assertEquals("值班员 李", event.get("acknowledgedBy").asText());
        assertEquals(404, harness.apiPost(BUREAU, "/api/alerts/no-such-alert/ack", "{}").statusCode());
    }

    @Test
    void aRestartKeepsTheOpenAlertWithoutADuplicateAndCleanHoursResolveIt() throws IOException {
        String alertId = raiseE001PermitAlert("DA004", 80.0).get("id").asText();
        HttpResponse<String> ack = harness.apiPost(BUREAU, "/api/alerts/" + alertId + "/ack", "{\"by\": \"值班员 李\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        await("the acknowledgement published").atMost(Duration.ofSeconds(60))
                .until(() -> permitEvents(alertsOn("env/alerts/enterprise/E001"), "DA004").size() == 2);

        harness.ingest.sigterm();
        assertEquals(0, harness.ingest.waitFor(Duration.ofSeconds(60)));
        harness.startIngest(env);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.api(BUREAU, "/api/alerts").body().contains(alertId));
        JsonNode restored = JSON.readTree(harness.api(BUREAU, "/api/alerts/" + alertId).body());
        assertEquals("值班员 李", restored.get("acknowledgedBy").asText(), "the acknowledgement survives the restart");

        publishHour("env/enterprise/E001/DA004", hour.plus(1, ChronoUnit.HOURS), "{\"particulate\": 10.0, \"o2\": 15.0}");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> permitAlert(alertsOn("env/alerts/enterprise/E001"), "DA004", "resolved") != null);
        assertEquals(alertId, permitAlert(alertsOn("env/alerts/enterprise/E001"), "DA004", "resolved").get("id").asText());
        List<JsonNode> permit = permitEvents(alertsOn("env/alerts/enterprise/E001"), "DA004");
        assertEquals(1, permit.stream().map(e -> e.get("id").asText()).distinct().count(), "one alert ID: " + permit);
        // opened once, acknowledged once (same state, with acknowledgedBy), resolved once: nothing re-opened by the restart
        assertEquals(List.of("open", "open", "resolved"), permit.stream().map(e -> e.get("state").asText()).toList());
        assertTrue(permit.get(1).hasNonNull("acknowledgedBy"));
        assertTrue(!harness.api(BUREAU, "/api/alerts").body().contains(alertId), "no longer open");
    }

    @Test
    void theLiveStreamShowsEachCallerItsOwnEventsAsTheyHappen() throws Exception {
        java.util.concurrent.CopyOnWriteArrayList<String> bureauLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CopyOnWriteArrayList<String> e002Lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (var pair : List.of(Map.entry(BUREAU, bureauLines), Map.entry(E002, e002Lines))) {
            client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + harness.httpPort
                                    + "/api/alerts/stream?access_token=" + pair.getKey())).build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(pair.getValue()::add));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !bureauLines.isEmpty() && !e002Lines.isEmpty());
        publishHour("env/enterprise/E001/DA005", hour, "{\"particulate\": 90.0, \"o2\": 15.0}");
        await().atMost(Duration.ofSeconds(90)).until(() -> bureauLines.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("\"site\":\"E001\"") && l.contains("\"point\":\"DA005\"") && l.contains("permit")));
        assertTrue(e002Lines.stream().noneMatch(l -> l.contains("E001")), "E002's stream never carries E001's alerts");
    }

    @Test
    void anAirStationsHourGetsItsHourlyAqiRecord() {
        publishHour("env/air/S01", hour, "{\"pm25\": 100.0, \"pm10\": 150.0, \"so2\": 10.0, \"no2\": 30.0, \"co\": 0.5, \"o3\": 40.0}");
        await().atMost(Duration.ofSeconds(90)).until(() ->
                harness.count("SELECT count(aqi) FROM air_hourly WHERE station = 'S01' AND time = " + hour.toEpochMilli() + "ms") == 1);
        Map<String, Object> row = harness.influx.rows(IngestHarness.DB, "SELECT * FROM air_hourly WHERE station = 'S01' AND time = "
                + hour.toEpochMilli() + "ms").get(0);
        // HJ 633-2026: PM2.5 1-h mean 100 µg/m³ rated on the daily breakpoints gives IAQI 137, lightly polluted
        assertEquals(137L, ((Number) row.get("aqi")).longValue(), row.toString());
        assertEquals(3L, ((Number) row.get("category")).longValue());
        assertEquals("pm25", row.get("primary"));
        assertEquals("HJ633-2026", row.get("standard"));
    }

    @Test
    void twoAlertsOfOneOutletClosingInTheSameHourAreBothRecorded() {
        // particulate and SO2 over their limits in the same hour: same kind, site, rule, severity and time (E002 is
        // this test's alone)
        publishHour("env/enterprise/E002/DA001", hour, "{\"particulate\": 60.0, \"so2\": 600.0, \"o2\": 8.6}");
        await().atMost(Duration.ofSeconds(90)).until(() -> harness.count(
                "SELECT count(state) FROM alert WHERE site = 'E002' AND rule = 'permit_limit'") == 2);
        List<Map<String, Object>> rows = harness.influx.rows(IngestHarness.DB,
                "SELECT alert_id, parameter FROM alert WHERE site = 'E002' AND rule = 'permit_limit'");
        assertEquals(2, rows.stream().map(r -> r.get("alert_id")).distinct().count(), rows.toString());
    }

    @Test
    void lateReadingsForAClosedHourReRateItFromWhatInfluxDbHolds() {
        // S02's hour is closed and rated first; the engine keeps no raw readings of a closed hour, so the late ones
        // make it read the station's readings back from InfluxDB and rate the hour again
        String rated = "SELECT aqi FROM air_hourly WHERE station = 'S02' AND time = " + hour.toEpochMilli() + "ms";
        publishHour("env/air/S02", hour, "{\"pm25\": 100.0, \"pm10\": 150.0, \"so2\": 10.0, \"no2\": 30.0, \"co\": 0.5, \"o3\": 40.0}");
        await("S02's hour rated").atMost(Duration.ofSeconds(90)).until(() -> {
            List<Map<String, Object>> rows = harness.influx.rows(IngestHarness.DB, rated);
            return rows.size() == 1 && ((Number) rows.get(0).get("aqi")).longValue() == 137;
        });
        for (int minute = 0; minute < 60; minute++) {
            device.publish("env/air/S02", "{\"ts\": \"" + hour.plus(minute, ChronoUnit.MINUTES)
                    + "\", \"values\": {\"pm25\": 400.0}}", 1);
        }
        await("S02's hour re-rated").atMost(Duration.ofSeconds(90)).until(() -> {
            List<Map<String, Object>> rows = harness.influx.rows(IngestHarness.DB, rated);
            return rows.size() == 1 && ((Number) rows.get(0).get("aqi")).longValue() > 300;
        });
    }
}
