package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/integrity?month=}: the monthly integrity view from the {@code alert} rows in a real InfluxDB
 * (docs/api.md#integrity): an alert the service raised this month, and stored rows of a past month clipped to it;
 * the bureau's only.
 */
class IntegrityApiIT {

    static final String BUREAU = "bureau-token-0123456789";
    static final String E001 = "e001-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    static IngestHarness harness;

    @BeforeAll
    static void start() {
        harness = new IngestHarness();
        Path tokens = IngestHarness.apiTokens("inspector", BUREAU, Map.of("E001", E001));
        harness.startIngest(Map.of("ENVMON_API_TOKENS", tokens.toString()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void theMonthCountsTheServicesOwnIntegrityAlert() throws IOException {
        MqttTestClient device = MqttTestClient.connect(harness.mqtt.url());
        // E001/DW001 (COD limit 100): COD 50 mg/L with no flow for an hour: integrity_impossible_combination
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        for (int minute = 0; minute <= 66; minute++) {
            if (minute <= 59 || minute == 66) {
                device.publish("env/enterprise/E001/DW001", "{\"ts\": \"" + hour.plus(minute, ChronoUnit.MINUTES)
                        + "\", \"values\": {\"cod\": 50.0, \"flow\": 0.0}}", 1);
            }
        }
        device.close();
        String month = YearMonth.from(hour.atOffset(ZoneOffset.ofHours(8))).toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.api(BUREAU, "/api/integrity?month=" + month)
                .body().contains("integrity_impossible_combination"));
        JsonNode view = JSON.readTree(harness.api(BUREAU, "/api/integrity?month=" + month).body());
        JsonNode outlet = view.get("enterprises").get(0).get("outlets").get(0);
        assertEquals("DW001", outlet.get("outlet").asText());
        assertEquals(1, outlet.get("patterns").get("integrity_impossible_combination").get("alerts").asInt());
        assertTrue(outlet.get("hoursAffected").asLong() >= 1, view.toString());
    }

    @Test
    void aPastMonthIsClippedToItsBeijingTimeBounds() throws IOException {
        // rows as the service stores them: a 14-hour parked run in March 2025, and a flag misuse that began on
        // 28 February (22:00 Beijing time) and ended on 1 March at 02:00: two of its hours are March's
        harness.influx.write(IngestHarness.DB, String.join("\n",
                row("E001", "DA001/particulate", "integrity_parked_under_limit", "open", "a1", "DA001",
                        "2025-03-09T14:00:00Z", "2025-03-10T02:00:00Z"),
                row("E001", "DA001/particulate", "integrity_parked_under_limit", "resolved", "a1", "DA001",
                        "2025-03-09T14:00:00Z", "2025-03-10T04:00:00Z"),
                row("E001", "DW001/-", "integrity_flag_misuse", "open", "b1", "DW001",
                        "2025-02-28T14:00:00Z", "2025-02-28T15:00:00Z"),
                row("E001", "DW001/-", "integrity_flag_misuse", "resolved", "b1", "DW001",
                        "2025-02-28T14:00:00Z", "2025-02-28T18:00:00Z"),
                row("E002", "DA001/-", "permit_limit", "open", "c1", "DA001",
                        "2025-03-05T00:00:00Z", "2025-03-05T01:00:00Z")));
        HttpResponse<String> response = harness.api(BUREAU, "/api/integrity?month=2025-03");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode view = JSON.readTree(response.body());
        assertEquals("2025-02-28T16:00:00Z", view.get("from").asText());
        assertEquals(1, view.get("enterprises").size(), view.toString());
        JsonNode e001 = view.get("enterprises").get(0);
        assertEquals("E001", e001.get("enterprise").asText());
        assertEquals(2, e001.get("alerts").asInt());
        assertEquals(16, e001.get("hoursAffected").asLong(), view.toString());
        assertEquals(14, e001.get("outlets").get(0).get("patterns").get("integrity_parked_under_limit").get("hours")
                .asLong());
        assertEquals(2, e001.get("outlets").get(1).get("patterns").get("integrity_flag_misuse").get("hours").asLong());
        assertEquals(1, view.get("totals").get("integrity_flag_misuse").get("alerts").asInt());

        // the same as CSV: UTF-8 with a BOM, one line per outlet and pattern, the report's attachment name
        HttpResponse<String> csv = harness.api(BUREAU, "/api/integrity?month=2025-03&format=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("attachment; filename=\"envmon-integrity-2025-03.csv\"",
                csv.headers().firstValue("Content-Disposition").orElse(""));
        String[] lines = csv.body().split("\r\n");
        assertEquals("\uFEFFmonth,enterprise,enterpriseName,outlet,outletName,outletAlerts,outletHoursAffected,"
                + "pattern,alerts,hours", lines[0]);
        assertEquals(3, lines.length, csv.body());
        assertEquals("2025-03,E001,测试玛钢铸造有限公司,DA001,,1,14,integrity_parked_under_limit,1,14", lines[1]);
        assertEquals("2025-03,E001,测试玛钢铸造有限公司,DW001,,1,2,integrity_flag_misuse,1,2", lines[2]);

        // a month without findings: the header line only
        HttpResponse<String> empty = harness.api(BUREAU, "/api/integrity?month=2024-01&format=csv");
        assertEquals(200, empty.statusCode());
        assertEquals(1, empty.body().split("\r\n").length, empty.body());
    }

    @Test
    void onlyTheBureauAndOnlyAMonth() {
        assertEquals(403, harness.api(E001, "/api/integrity?month=2025-03").statusCode());
        assertEquals(403, harness.api(E001, "/api/integrity?month=2025-03&format=csv").statusCode());
        assertEquals(400, harness.api(BUREAU, "/api/integrity?month=2025-03&format=xml").statusCode());
        assertEquals(401, harness.api(null, "/api/integrity?month=2025-03").statusCode());
        HttpResponse<String> bad = harness.api(BUREAU, "/api/integrity?month=2025-3");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("YYYY-MM"), bad.body());
        assertEquals(200, harness.api(BUREAU, "/api/integrity").statusCode(), "the current month by default");
    }

    private static String row(String site, String subject, String rule, String state, String id, String point,
                              String startedAt, String ts) {
        return "alert,kind=enterprise,site=" + site + ",rule=" + rule + ",severity=warning,subject=" + subject
                + " state=\"" + state + "\",alert_id=\"" + id + "\",parameter=\"\",message=\"m\",point=\"" + point
                + "\",started_at=" + Instant.parse(startedAt).toEpochMilli() + "i,unit=\"\",window=\"1h\" "
                + Instant.parse(ts).toEpochMilli();
    }
}
