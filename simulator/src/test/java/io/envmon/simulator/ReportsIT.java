package io.envmon.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.simulator.cli.SimulatorCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reports end to end (docs/api.md#reports): real mosquitto and influxd, the built ingest jar with the default
 * registry and rules, a replayed day with the winter-episode, enterprise-exceedance and section-off-target
 * scenarios (and the first minutes of the next day, which close it), then the reports fetched over HTTP as the
 * bureau and as enterprise E001, as JSON and as CSV.
 */
class ReportsIT {

    static final String BUREAU = "bureau-token-0123456789";
    static final String E001 = "e001-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aReplayedDaysReportsForTheBureauAndAnEnterprise() throws Exception {
        Path tokens = tmp.resolve("tokens.yaml");
        Files.writeString(tokens, """
                bureau:
                  - {name: duty-officer, token: %s}
                enterprises:
                  E001:
                    - {name: e001-manager, token: %s}
                """.formatted(BUREAU, E001));
        try (ServiceUnderTest service = ServiceUnderTest.start("envmon-ingest-reports-it",
                Map.of("ENVMON_API_TOKENS", tokens.toString()))) {
            LocalDate day = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(2);
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new SimulatorCommand());
            cli.setOut(new PrintWriter(out));
            int replay = cli.execute("replay", "--registry", ServiceUnderTest.REGISTRY.toString(),
                    "--mqtt-url", service.mqtt.url(), "--from", day + "T00:00:00+08:00",
                    "--to", day.plusDays(1) + "T00:10:00+08:00", "--interval", "60s", "--batch", "10",
                    "--scenario-dir", ServiceUnderTest.CONFIG.resolve("scenarios").toString(),
                    "--scenario", "winter-episode,enterprise-exceedance,section-off-target", "--quiet");
            assertEquals(0, replay, out.toString());
            String base = "http://127.0.0.1:" + service.httpPort;
            String daily = "/api/reports/air/daily?from=" + day + "&to=" + day;

            // the day is closed by the readings of the next day's first minutes: 10 stations and the district
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> json(base, BUREAU, daily).path("total").asInt() == 11);
            JsonNode days = json(base, BUREAU, daily);
            System.out.println("air/daily " + day + ": " + days);
            for (JsonNode item : days.get("items")) {
                assertEquals(day.toString(), item.get("date").asText());
                assertTrue(item.get("aqi").isInt(), item.toString());
            }
            assertEquals("district", days.get("items").get(0).get("station").asText(), "the district first");

            String month = YearMonth.from(day).toString();
            JsonNode air = json(base, BUREAU, "/api/reports/air/monthly?month=" + month);
            System.out.println("air/monthly: " + air);
            assertEquals(11, air.get("total").asInt());
            JsonNode district = air.get("items").get(0);
            assertEquals("district", district.get("site").asText());
            assertTrue(district.get("ratedDays").asInt() >= 1, district.toString());
            assertTrue(district.get("pm25").isNumber(), district.toString());

            // water: the hourly means are stored as the hours close; WMH-02 is pushed off its target for 6 hours
            await().atMost(Duration.ofSeconds(60)).until(() -> json(base, BUREAU,
                    "/api/reports/water/monthly?month=" + month + "&section=WMH-02").at("/items/0/hours").asInt() >= 24);
            JsonNode water = json(base, BUREAU, "/api/reports/water/monthly?month=" + month);
            System.out.println("water/monthly: " + water);
            assertEquals(8, water.get("total").asInt());

            // enterprise: E001 sees its own outlets only; its wastewater COD was over the limit
            JsonNode mine = json(base, E001, "/api/reports/enterprise/monthly?month=" + month);
            System.out.println("enterprise/monthly as E001: " + mine);
            assertTrue(mine.get("total").asInt() >= 1);
            int codOver = 0;
            for (JsonNode outlet : mine.get("items")) {
                assertEquals("E001", outlet.get("enterprise").asText());
                // not 24 for every outlet: a stack stops when its plant does (E001's boiler sent 22 hours of 4 Dec)
                assertTrue(outlet.get("receivedHours").asInt() >= 1, outlet.toString());
                assertTrue(outlet.get("receivedHours").asInt() <= outlet.get("expectedHours").asInt(),
                        outlet.toString());
                for (JsonNode p : outlet.get("parameters")) {
                    if (outlet.get("outlet").asText().equals("DW001") && p.get("parameter").asText().equals("cod")) {
                        codOver = p.get("exceedanceHours").asInt();
                    }
                }
            }
            // COD is sampled every 2 h (at even hours): the sample of +2h stands for +2h and +3h; those of +0h and +4h are outside
            assertTrue(codOver >= 2, "E001/DW001 cod at 1.6 × its limit from +1h to +4h: " + mine);
            assertEquals(403, get(base, E001, "/api/reports/enterprise/monthly?enterprise=E002").statusCode());
            assertEquals(403, get(base, E001, "/api/reports/air/monthly").statusCode());
            assertEquals(403, get(base, E001, "/api/reports/water/monthly").statusCode());
            JsonNode all = json(base, BUREAU, "/api/reports/enterprise/monthly?month=" + month + "&pageSize=10&page=2");
            assertEquals(10, all.get("items").size());
            assertTrue(all.get("total").asInt() > 100, "every outlet of the registry, paged");

            // CSV: UTF-8 with a byte-order mark, Chinese names intact
            HttpResponse<String> csv = get(base, BUREAU, "/api/reports/water/monthly?month=" + month + "&format=csv");
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().startsWith("\uFEFFsection,name,river,"), csv.body());
            assertTrue(csv.body().contains("WMH-02"), csv.body());
            System.out.println(csv.body());
            HttpResponse<String> mineCsv = get(base, E001, "/api/reports/enterprise/monthly?month=" + month
                    + "&format=csv");
            assertTrue(mineCsv.body().startsWith("\uFEFFenterprise,enterpriseName,outlet,"), mineCsv.body());
            assertTrue(mineCsv.body().lines().skip(1).allMatch(l -> l.startsWith("E001,")), mineCsv.body());

            // hygiene
            assertEquals(404, get(base, BUREAU, "/api/reports/air/daily?station=TG-A99").statusCode());
            assertEquals(400, get(base, BUREAU, "/api/reports/air/monthly?month=2026-13").statusCode());
            assertEquals(400, get(base, BUREAU, "/api/reports/air/monthly?pageSize=0").statusCode());
            assertEquals(200, get(base, null, "/api/openapi.yaml").statusCode());
        }
    }

    private JsonNode json(String base, String token, String path) {
        HttpResponse<String> r = get(base, token, path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String base, String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
