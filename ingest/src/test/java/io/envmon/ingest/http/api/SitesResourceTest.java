package io.envmon.ingest.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/sites} and {@code /api/air/latest}: scoped by the caller, one entry per registry station. */
class SitesResourceTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 站一, lat: 37.4, lon: 112.5, mn: "14070301501205"}
              - {id: S02, name: 站二, lat: 37.5, lon: 112.6}
            water:
              - {id: W01, name: 断面, river: 河, targetClass: III, lat: 37.4, lon: 112.5}
            enterprises:
              - id: E001
                name: 企业一
                industry: boiler
                outlets:
                  - {id: DW001, type: wastewater, mn: "010000A89BE10D6204D932B4", limits: {cod: 100, ph: [6, 9]}}
              - id: E002
                name: 企业二
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, limits: {particulate: 30}}
            """, "test");
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> queries = new ArrayList<>();
    private List<QueryRow> rows = List.of();
    private int port;

    @BeforeEach
    void start() throws Exception {
        Router router = Router.router(vertx);
        // the caller named by a header, as ApiAuth would set it from a token
        router.route("/api/*").handler(rc -> {
            String who = rc.request().getHeader("X-Who");
            ApiRequests.authenticated(rc, new Principal(who, "bureau".equals(who) ? null : who));
            rc.next();
        });
        new SitesResource(vertx, q -> {
            queries.add(q);
            return rows;
        }, REGISTRY, () -> NOW).mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String who, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Who", who)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBureauGetsEverySiteWithoutDeviceIds() throws Exception {
        HttpResponse<String> answer = get("bureau", "/api/sites");
        JsonNode sites = json.readTree(answer.body());
        assertTrue(sites.path("principal").path("enterprise").isNull());
        assertEquals(2, sites.path("air").size());
        assertEquals(37.4, sites.path("air").get(0).path("lat").asDouble());
        assertEquals("III", sites.path("water").get(0).path("targetClass").asText());
        assertEquals(2, sites.path("enterprises").size());
        JsonNode ph = sites.path("enterprises").get(0).path("outlets").get(0).path("limits").path("ph");
        assertEquals(6, ph.path("min").asDouble());
        assertEquals(9, ph.path("max").asDouble());
        assertFalse(answer.body().contains("14070301501205") || answer.body().contains("010000A8"), answer.body());
    }

    @Test
    void anEnterpriseGetsItsOwnOutletsOnlyAndNoDistrictAqi() throws Exception {
        HttpResponse<String> answer = get("E001", "/api/sites");
        JsonNode sites = json.readTree(answer.body());
        assertEquals("E001", sites.path("principal").path("enterprise").asText());
        assertEquals(0, sites.path("air").size());
        assertEquals(0, sites.path("water").size());
        assertEquals(1, sites.path("enterprises").size());
        assertFalse(answer.body().contains("E002") || answer.body().contains("企业二"), answer.body());
        assertEquals(403, get("E001", "/api/air/latest").statusCode());
        assertTrue(queries.isEmpty(), "no query for a refused call");
    }

    @Test
    void latestGivesEachRegistryStationItsNewestRatedHour() throws Exception {
        rows = List.of(
                new QueryRow("air_hourly", Map.of("station", "S01"), NOW.minusSeconds(7200).toEpochMilli(),
                        Map.of("aqi", "172", "category", "4", "primary", "pm25")),
                new QueryRow("air_hourly", Map.of("station", "SX"), NOW.toEpochMilli(), Map.of("aqi", "10")));
        JsonNode latest = json.readTree(get("bureau", "/api/air/latest").body());
        assertEquals(2, latest.size(), "registry stations only, in registry order");
        assertEquals("S01", latest.get(0).path("station").asText());
        assertEquals(172, latest.get(0).path("aqi").asInt());
        assertEquals(4, latest.get(0).path("category").asInt());
        assertEquals("2026-12-05T10:00:00Z", latest.get(0).path("hour").asText());
        assertEquals("S02", latest.get(1).path("station").asText());
        assertTrue(latest.get(1).path("hour").isNull() && latest.get(1).path("category").isNull());
        assertEquals(1, queries.size());
        assertTrue(queries.get(0).contains("\"aqi\" >= 0") && queries.get(0).contains("GROUP BY \"station\"")
                && queries.get(0).contains("time >= " + NOW.minusSeconds(30 * 86400).toEpochMilli() + "ms"),
                queries.get(0));
    }
}
