package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The web console (docs/console.md) in Debian's chromium against the service as a process, with real Mosquitto
 * and InfluxDB: the bureau signs in, sees the district, watches a station turn red during a PM2.5 episode and
 * acknowledges its alert; an enterprise signs in and sees its own outlets and nothing of another's. Screenshots go
 * to {@code target/screenshots/}.
 */
class ConsoleBrowserIT {

    static final String BUREAU = "bureau-console-token-0123456789";
    static final String E001 = "e001-console-token-0123456789";
    static final String E001_NAME = "测试玛钢铸造有限公司";
    static final String E002_NAME = "测试砖瓦有限公司";
    /** The harness's registry with coordinates, so that the district view can place every site. */
    static final String REGISTRY = """
            air:
              - {id: S01, name: 测试站一, lat: 37.422, lon: 112.553}
              - {id: S02, name: 测试站二, lat: 37.446, lon: 112.479}
              - {id: S03, name: 测试站三, lat: 37.361, lon: 112.719}
            water:
              - {id: W01, name: 象峪河测试断面, river: 象峪河, targetClass: III, lat: 37.442, lon: 112.567}
            enterprises:
              - id: E001
                name: %s
                industry: foundry
                lat: 37.428
                lon: 112.552
                outlets:
                  - {id: DA001, name: 电炉废气排放口, type: stack, referenceO2: 15, limits: {particulate: 40, so2: 200}}
              - id: E002
                name: %s
                industry: brick_kiln
                lat: 37.384
                lon: 112.673
                outlets:
                  - {id: DA001, name: 隧道窑废气排放口, type: stack, referenceO2: 8.6, limits: {particulate: 30}}
            """.formatted(E001_NAME, E002_NAME);
    static final String CLEAN_AIR = "{\"pm25\": 20.0, \"pm10\": 40.0, \"so2\": 10.0, \"no2\": 30.0, \"co\": 0.5, \"o3\": 40.0}";
    /** PM2.5 130 µg/m³: IAQI 171, category 4 (中度污染, red) in both editions of HJ 633. */
    static final String EPISODE_AIR = "{\"pm25\": 130.0, \"pm10\": 150.0, \"so2\": 10.0, \"no2\": 30.0, \"co\": 0.5, \"o3\": 40.0}";
    static final List<String> RED_OR_WORSE = List.of("#ff0000", "#99004c", "#7e0023");
    static final ObjectMapper JSON = new ObjectMapper();

    static IngestHarness harness;
    static MqttTestClient device;
    /** The first hour of data: five hours ago, complete, closed by the alert tick. */
    static Instant hour;
    ConsoleBrowser browser;

    @BeforeAll
    static void start() throws IOException {
        harness = new IngestHarness(REGISTRY);
        Path tokens = IngestHarness.apiTokens("值班员", BUREAU, Map.of("E001", E001));
        harness.startIngest(Map.of("ENVMON_API_TOKENS", tokens.toString(), "ENVMON_ALERT_TICK", "2s"));
        hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
        device = MqttTestClient.connect(harness.mqtt.url());
        for (String station : List.of("S01", "S02", "S03")) {
            publishHour("env/air/" + station, hour, CLEAN_AIR);
        }
        publishHour("env/enterprise/E001/DA001", hour, "{\"particulate\": 12.0, \"so2\": 50.0, \"o2\": 15.0}");
        // then an hour over its particulate limit (40), and E002 over its own (30): each enterprise has an alert
        publishHour("env/enterprise/E001/DA001", hour.plus(1, ChronoUnit.HOURS),
                "{\"particulate\": 55.0, \"so2\": 50.0, \"o2\": 15.0}");
        publishHour("env/enterprise/E002/DA001", hour, "{\"particulate\": 60.0, \"o2\": 8.6}");
        // an integrity finding for E002 this month, stored as the integrity rules store theirs (an open alert row):
        // the bureau's integrity section lists it, E001 never sees it
        Instant began = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        harness.influx.write(IngestHarness.DB, "alert,kind=enterprise,site=E002,rule=integrity_dilution,"
                + "severity=warning,subject=DA001/- state=\"open\",alert_id=\"integrity-e002\",parameter=\"\","
                + "message=\"m\",point=\"DA001\",started_at=" + began.toEpochMilli() + "i,unit=\"\",window=\"1h\" "
                + began.toEpochMilli());
        seen("the clean hour rated, the permit alerts raised").atMost(Duration.ofSeconds(60)).until(() ->
                harness.count("SELECT count(aqi) FROM air_hourly WHERE station = 'S03'") >= 1
                        && harness.count("SELECT count(aqi) FROM air_hourly WHERE station = 'S01'") >= 1
                        && harness.api(BUREAU, "/api/alerts?site=E001").body().contains("permit")
                        && harness.api(BUREAU, "/api/alerts?site=E002").body().contains("permit"));
    }

    @AfterAll
    static void stop() {
        if (device != null) {
            device.close();
        }
        if (harness != null) {
            harness.assertNoBlockedEventLoop();
            harness.close();
        }
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        if (browser != null) {
            browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName()); // the state it ended in
            browser.close();
        }
    }

    /** One reading a minute for the hour starting at {@code start}, then one that closes it. */
    static void publishHour(String topic, Instant start, String values) {
        for (int minute = 0; minute <= 66; minute++) {
            if (minute <= 59 || minute == 66) {
                device.publish(topic, "{\"ts\": \"" + start.plus(minute, ChronoUnit.MINUTES) + "\", \"values\": "
                        + values + "}", 1);
            }
        }
    }

    @Test
    void theConsoleIsServedWithItsLibraryAndTheSitesAreScopedByToken() throws IOException {
        HttpResponse<String> page = harness.api(null, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/webjars/echarts/"), "the page loads ECharts from the service");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, harness.api(null, "/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode());
        assertEquals(200, harness.api(null, "/console.js").statusCode());
        assertEquals(401, harness.api(null, "/api/sites").statusCode(), "the data needs a token");

        JsonNode bureau = JSON.readTree(harness.api(BUREAU, "/api/sites").body());
        assertTrue(bureau.path("principal").path("enterprise").isNull());
        assertEquals(3, bureau.path("air").size());
        assertEquals(2, bureau.path("enterprises").size());
        assertFalse(bureau.toString().contains("token"), bureau.toString());

        HttpResponse<String> e001Sites = harness.api(E001, "/api/sites");
        JsonNode e001 = JSON.readTree(e001Sites.body());
        assertEquals("E001", e001.path("principal").path("enterprise").asText());
        assertEquals(0, e001.path("air").size());
        assertEquals(1, e001.path("enterprises").size());
        assertFalse(e001Sites.body().contains("E002") || e001Sites.body().contains(E002_NAME), e001Sites.body());
        assertEquals(403, harness.api(E001, "/api/air/latest").statusCode());

        JsonNode latest = JSON.readTree(harness.api(BUREAU, "/api/air/latest").body());
        assertEquals(3, latest.size());
        assertEquals("S01", latest.get(0).path("station").asText());
        JsonNode s02 = latest.get(1); // S02 has no episode in any test
        assertEquals(1, s02.path("category").asInt(), latest.toString());
        assertTrue(Instant.parse(s02.path("hour").asText()).compareTo(hour) >= 0, latest.toString());
    }

    @Test
    @Timeout(120)
    void theBureauSeesTheDistrictAStationTurnRedDuringAnEpisodeAndAcknowledgesItsAlert() {
        browser = ConsoleBrowser.start();
        signIn(BUREAU);
        assertEquals("bureau", body().getDomAttribute("data-role"));
        assertEquals("1", category("S01"), "the clean hour: 优");
        assertEquals("#00e400", mapColour("S01"));
        seen("the water sections and the compliance table").atMost(Duration.ofSeconds(30)).until(() ->
                !rows("#sections-table").isEmpty() && text("#compliance-table").contains(E002_NAME)
                        && text("#compliance-table").contains(E001_NAME));
        browser.screenshot("bureau-before-episode");

        // the month's integrity findings, and their CSV
        seen("the integrity finding listed").atMost(Duration.ofSeconds(30)).until(() -> browser.driver.findElements(
                By.cssSelector("#integrity-table tr[data-enterprise='E002'][data-rule='integrity_dilution']")).size() == 1);
        assertTrue(text("#integrity-table").contains(E002_NAME) && text("#integrity-table").contains("稀释排放"),
                text("#integrity-table"));
        browser.driver.findElement(By.id("integrity-csv")).click();
        seen("the integrity CSV fetched").atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(browser.driver
                .findElement(By.id("integrity-csv")).getDomAttribute("data-downloaded")).startsWith("envmon-integrity-"));
        browser.screenshot("bureau-integrity");

        // an episode at S01: two hours of PM2.5 at 130 µg/m³, closed and rated while the console is open
        publishHour("env/air/S01", hour.plus(1, ChronoUnit.HOURS), EPISODE_AIR);
        publishHour("env/air/S01", hour.plus(2, ChronoUnit.HOURS), EPISODE_AIR);
        seen("S01 red on the map and in the table").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            int category = Integer.parseInt(category("S01"));
            assertTrue(category >= 4, "category " + category);
            assertTrue(RED_OR_WORSE.contains(mapColour("S01")), mapColour("S01"));
        });
        assertEquals("1", category("S02"), "S02 had no episode");

        // its PM2.5 alert, live on the stream and in the open alerts, acknowledged from the console
        seen("the alert live and listed").atMost(Duration.ofSeconds(30)).until(() ->
                text("#live-list").contains("S01") && text("#alerts-table").contains("S01"));
        String id = String.valueOf(browser.driver.executeScript("""
                return [...document.querySelectorAll("#alerts-table tbody tr")]
                    .find(r => r.textContent.includes("S01") && r.querySelector("button.ack")).dataset.alertId;
                """));
        seen("the acknowledge button clicked").until(() -> {
            browser.driver.findElement(By.cssSelector("#alerts-table tr[data-alert-id='" + id + "'] button.ack")).click();
            return true;
        });
        seen("acknowledged").atMost(Duration.ofSeconds(20)).until(() ->
                harness.api(BUREAU, "/api/alerts/" + id).body().contains("\"acknowledgedBy\""));
        seen("shown acknowledged").atMost(Duration.ofSeconds(20)).until(() ->
                browser.driver.findElement(By.cssSelector("#alerts-table tr[data-alert-id='" + id + "']")).getText()
                        .contains("已确认"));

        // a report downloaded with the token (the API wants it in a header, which a plain link cannot send)
        browser.driver.findElement(By.cssSelector("#reports button[data-report='air/daily']")).click();
        seen("the daily AQI report fetched").atMost(Duration.ofSeconds(20)).until(() -> browser.driver
                .findElement(By.cssSelector("#reports button[data-report='air/daily']"))
                .getDomAttribute("data-downloaded") != null);
        browser.screenshot("bureau");

        browser.driver.findElement(By.id("lang")).click();
        seen().atMost(Duration.ofSeconds(5)).until(() -> text("h1").contains("Monitoring Console"));
        assertTrue(text("#station-table").contains("Moderately polluted") || text("#station-table").contains("Heavily"),
                text("#station-table"));
        browser.screenshot("bureau-en");
        browser.driver.findElement(By.id("lang")).click(); // back to Chinese (kept in localStorage)
    }

    @Test
    @Timeout(120)
    void anEnterpriseSeesItsOwnOutletsAndNothingOfAnother() {
        browser = ConsoleBrowser.start();
        browser.driver.get(url());
        browser.driver.findElement(By.id("token")).sendKeys("not-a-token-of-this-service");
        browser.driver.findElement(By.id("signin")).click();
        seen("a wrong token refused").atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElement(By.id("error")).isDisplayed());

        signIn(E001);
        assertEquals("enterprise", body().getDomAttribute("data-role"));
        seen("its outlet's latest reading over its limit").atMost(Duration.ofSeconds(30)).until(() ->
                browser.driver.findElements(By.cssSelector(
                        "#outlets-table tr.bad[data-outlet='DA001'][data-parameter='particulate']")).size() == 1);
        assertTrue(text("#outlets-table").contains("55"), text("#outlets-table"));
        seen("its own permit alert").atMost(Duration.ofSeconds(30)).until(() ->
                text("#ent-alerts-table").contains("DA001"));
        assertTrue(text("#enterprise-name").contains(E001_NAME));
        seen("its monthly figures").atMost(Duration.ofSeconds(30)).until(() -> !rows("#ent-monthly-table").isEmpty());
        browser.screenshot("enterprise");

        String page = browser.driver.getPageSource();
        assertFalse(page.contains("E002"), "E002 on E001's page");
        assertFalse(page.contains(E002_NAME), "E002's name on E001's page");
        assertFalse(browser.driver.findElement(By.id("bureau-view")).isDisplayed());
        assertFalse(browser.driver.findElement(By.id("integrity")).isDisplayed(), "the integrity section is the bureau's");
        assertTrue(rows("#station-table").isEmpty() && rows("#compliance-table").isEmpty()
                && rows("#alerts-table").isEmpty() && rows("#integrity-table").isEmpty(), "the bureau's tables stay empty");
        assertFalse(page.contains("integrity_dilution"), "E002's integrity finding on E001's page");

        // the API refuses E001's token anything of E002 or of the district, asked from the same page
        for (String path : List.of("/api/readings/enterprise/E002/DA001",
                "/api/reports/enterprise/monthly?enterprise=E002", "/api/air/latest",
                "/api/readings/air/S01", "/api/reports/water/monthly", "/api/integrity",
                "/api/integrity?format=csv")) {
            assertTrue(browser.fetchFromPage(path).startsWith("403 "), path + ": " + browser.fetchFromPage(path));
        }
        for (String path : List.of("/api/alerts", "/api/alerts?state=all", "/api/sites",
                "/api/reports/enterprise/monthly")) {
            String answer = browser.fetchFromPage(path);
            assertTrue(answer.startsWith("200 "), path + ": " + answer);
            assertFalse(answer.contains("E002") || answer.contains(E002_NAME), path + ": " + answer);
        }
    }

    /**
     * An Awaitility wait that reads the page again when an element went stale: the console replaces its tables' rows
     * every 15 s and on each live event, so an element found may be gone when it is read.
     */
    private static ConditionFactory seen(String what) {
        return await(what).ignoreException(StaleElementReferenceException.class);
    }

    private static ConditionFactory seen() {
        return seen("the page");
    }

    private String url() {
        return "http://127.0.0.1:" + harness.httpPort + "/";
    }

    private void signIn(String token) {
        browser.driver.get(url());
        WebElement input = browser.driver.findElement(By.id("token"));
        input.clear();
        input.sendKeys(token);
        browser.driver.findElement(By.id("signin")).click();
        seen("signed in and loaded").atMost(Duration.ofSeconds(30))
                .until(() -> "true".equals(body().getDomAttribute("data-loaded")));
    }

    private WebElement body() {
        return browser.driver.findElement(By.tagName("body"));
    }

    /** The AQI category the station's row shows. */
    private String category(String station) {
        return String.valueOf(browser.driver.executeScript(
                "return document.querySelector(\"#station-table tr[data-station='\" + arguments[0] + \"']\").dataset.category",
                station));
    }

    /** The colour ECharts was given for the station's point on the district map. */
    private String mapColour(String station) {
        return String.valueOf(browser.driver.executeScript("""
                const option = echarts.getInstanceByDom(document.getElementById("aqi-map")).getOption();
                const point = option.series[0].data.find(d => d.id === arguments[0]);
                return point ? point.itemStyle.color : null;
                """, station));
    }

    private List<WebElement> rows(String table) {
        return browser.driver.findElements(By.cssSelector(table + " tbody tr"));
    }

    private String text(String selector) {
        return browser.driver.findElement(By.cssSelector(selector)).getText();
    }
}
