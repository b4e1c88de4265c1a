package io.envmon.ingest.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.TestBoards;
import io.envmon.ingest.config.HttpServerConfig;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/alerts?site=}: a site the registry does not know is a 404 naming it, as for {@code /api/readings}. */
class AlertsSiteTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 测试站一}
            water:
              - {id: W01, name: 测试断面, river: 象峪河, targetClass: III}
            """, "test");
    static final String TOKEN = "bureau-token-0123456789";

    final Vertx vertx = Vertx.vertx();
    final AlertBoard board = new AlertBoard(e -> false);
    final HttpClient client = HttpClient.newHttpClient();
    HttpServer server;

    @BeforeEach
    void setUp() {
        ApiTokens tokens = ApiTokens.parse("bureau:\n  - {name: duty, token: " + TOKEN + "}\n", "tokens.yaml",
                Map.of(), REGISTRY);
        HttpApi api = new HttpApi(vertx, board, board, (id, by) -> Future.succeededFuture(Optional.empty()),
                query -> List.of(), REGISTRY, tokens, List::of, AlertRulesConfig.defaults(), HttpServerConfig.defaults(),
                new SimpleMeterRegistry());
        Router router = Router.router(vertx);
        api.mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        TestBoards.ready(board);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownSiteIsA404NamingItInOpenAlertsAndInTheHistory() throws Exception {
        for (String path : List.of("/api/alerts?site=UNKNOWN", "/api/alerts?site=UNKNOWN&state=all",
                "/api/alerts?kind=air&site=UNKNOWN")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("site UNKNOWN in the registry"), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        }
        HttpResponse<String> wrongKind = get("/api/alerts?kind=water&site=S01");
        assertEquals(404, wrongKind.statusCode(), "S01 is an air station: " + wrongKind.body());
        assertTrue(wrongKind.body().contains("no water site S01"), wrongKind.body());
    }

    @Test
    void knownSitesTheDistrictAndEnvmonItselfAreListed() throws Exception {
        for (String path : List.of("/api/alerts?site=S01", "/api/alerts?kind=water&site=W01",
                "/api/alerts?kind=air&site=district", "/api/alerts?site=district", "/api/alerts?site=envmon",
                "/api/alerts?site=S01&state=all")) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertEquals("[]", r.body().replaceAll("\\s", ""), path);
        }
    }
}
