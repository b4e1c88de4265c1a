package io.envmon.ingest.http.api;

import io.envmon.alerts.config.AlertRulesConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.TestBoards;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.ingest.config.HttpServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
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

/** The API built by constructor around an {@link AlertBoard}, before and after the alert runtime has started. */
class HttpApiReadinessTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 测试站一}
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
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private int status(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void answers503UntilTheBoardIsReadyAndChecksTheTokenFirst() throws Exception {
        assertEquals(401, status("/api/alerts", null));
        assertEquals(401, status("/api/alerts", "not-a-token-at-all"));
        assertEquals(503, status("/api/alerts", TOKEN));
        assertEquals(503, status("/api/readings/air/S01", TOKEN));

        TestBoards.ready(board);
        assertEquals(200, status("/api/alerts", TOKEN));
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                        + "/api/alerts/a1/ack")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "acknowledged through the given acknowledger, which knows no a1");
        assertEquals(200, status("/api/readings/air/S01", TOKEN));
    }
}
