package io.envmon.ingest.http.api;

import io.envmon.ingest.alerts.AlertBoard;
import io.vertx.core.Future;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.http.HttpVerticle;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.ingest.config.HttpServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description served at {@code /api/openapi.yaml} names every route the service's router has, and no
 * other: a route added without its description (or described and gone) fails here.
 */
class OpenApiRoutesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyRouteIsDescribedAndEveryDescribedRouteExists() throws Exception {
        AlertBoard board = new AlertBoard(e -> false);
        HttpApi api = new HttpApi(vertx, board, board, (id, by) -> Future.succeededFuture(Optional.empty()),
                q -> List.of(),
                RegistryFiles.parse("air:\n  - {id: S01, name: 站}\n", "test"), ApiTokens.none(), List::of,
                AlertRulesConfig.defaults(), HttpServerConfig.defaults(), new SimpleMeterRegistry());
        AtomicReference<Router> router = new AtomicReference<>();
        // the service's own verticle, on any free port: /health and /metrics, then the API, as Main mounts them
        vertx.deployVerticle(new HttpVerticle(0, HttpServerConfig.defaults(), new IngestMetrics(), Map.of("x", new ComponentHealth(true, "")),
                        List.of(api::mount, router::set)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        TreeSet<String> routed = new TreeSet<>();
        for (Route route : router.get().getRoutes()) {
            if (route.methods() == null || route.methods().isEmpty()) {
                continue; // handlers for every method (the token check on /api/*) are not routes of their own
            }
            for (HttpMethod m : route.methods()) {
                routed.add(m.name().toLowerCase() + " " + route.getPath().replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OpenApiResource.load());
        TreeSet<String> described = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method + " " + p.getKey())));
        assertTrue(routed.contains("get /api/openapi.yaml"), routed.toString());
        assertTrue(routed.size() > 10, routed.toString());
        assertEquals(routed, described, "routes of the router (left) vs paths of openapi.yaml (right)");
    }
}
