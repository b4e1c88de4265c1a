package io.envmon.ingest.alerts;

import static io.envmon.ingest.alerts.AlertEvents.air;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert runtime as the composition root builds it, with an in-memory InfluxDB reader and sink: the board is ready
 * only once the state is read back, and acknowledgements go through the engine on the verticle's context.
 */
class AlertVerticleTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 测试站一}
            """, "test");
    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    final Vertx vertx = Vertx.vertx();
    final List<StorePoint> rows = new CopyOnWriteArrayList<>();
    final List<String> published = new CopyOnWriteArrayList<>();
    final AlertEngine engine = new AlertEngine(REGISTRY, AlertRulesConfig.defaults());
    final AlertBoard board = new AlertBoard(engine::bureauOnly);
    final AlertEvent stillOpen = air("a1", "S01", AlertState.OPEN, NOW.minusSeconds(3600));

    /** Answers the restore's query for alerts with one open alert's row, every other query with nothing. */
    final PointReader influx = query -> query.startsWith("SELECT * FROM " + AlertRows.ALERT)
            ? List.of(row(AlertRows.alert(stillOpen))) : List.of();

    final ReadingSink sink = new ReadingSink() {
        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            rows.addAll(points);
            return Future.succeededFuture(WriteOutcome.ALL_STORED);
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    };

    final AlertVerticle alerts = new AlertVerticle(engine, new AlertStateRestorer(influx, REGISTRY), board,
            new AlertOutlet(vertx.getOrCreateContext(), sink, (topic, payload) -> {
                published.add(topic);
                return Future.succeededFuture();
            }, event -> { }, vertx.eventBus(), "env", engine::bureauOnly, new SimpleMeterRegistry()),
            Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    static QueryRow row(StorePoint p) {
        Map<String, String> values = new LinkedHashMap<>();
        p.fields().forEach((k, v) -> values.put(k, String.valueOf(v)));
        return new QueryRow(p.measurement(), p.tags(), p.time(), values);
    }

    private void deploy() {
        vertx.deployVerticle(alerts, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
    }

    @Test
    void theBoardIsReadyOnceTheStateIsReadBackWithTheAlertsStillOpen() {
        assertFalse(board.isReady(), "built, not started: the API answers 503");
        deploy();
        assertTrue(board.isReady());
        assertEquals(List.of("a1"), board.newestFirst().stream().map(AlertEvent::id).toList());
    }

    @Test
    void anAcknowledgementGoesThroughTheEngineToTheBoardAndTheOutlet() {
        deploy();
        Optional<AlertEvent> acknowledged = alerts.acknowledge("a1", "duty officer Li").await();
        assertEquals("duty officer Li", acknowledged.orElseThrow().acknowledgedBy());
        assertEquals("duty officer Li", board.openAlert("a1").orElseThrow().acknowledgedBy());
        await().atMost(Duration.ofSeconds(5)).until(() -> published.contains("env/alerts/air/S01"));
        assertTrue(rows.stream().anyMatch(r -> "duty officer Li".equals(r.fields().get("acknowledged_by"))));

        assertTrue(alerts.acknowledge("no-such-alert", "duty officer Li").await().isEmpty());
    }
}
