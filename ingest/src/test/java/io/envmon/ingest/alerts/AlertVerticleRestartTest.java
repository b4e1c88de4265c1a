package io.envmon.ingest.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.ingest.pipeline.PointMapper;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.Reading;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A restart replays the stored readings of the last hours: an episode that opened and ended within them must not
 * be handed out again: neither a second "open" of the same alert to the enterprise's or the bureau's channels, nor
 * its "resolved" once more (docs/alerts.md, restart).
 */
class AlertVerticleRestartTest {

    static final Registry REGISTRY = RegistryFiles.parse("""
            air:
              - {id: S01, name: 测试站一}
            """, "test");
    static final MonitoredPoint S01 = REGISTRY.resolve(Topic.air("S01")).orElseThrow();
    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    final Vertx vertx = Vertx.vertx();
    final List<String> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void anEpisodeThatEndedBeforeTheRestartIsNotHandedOutAgain() {
        // before the restart: one polluted hour five hours ago, then clean hours; the alert opened and resolved
        List<Reading> readings = new ArrayList<>();
        for (int m = 0; m < 5 * 60; m++) {
            double pm25 = m < 60 ? 200 + (m % 2) : 20 + (m % 2);
            readings.add(new Reading(NOW.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(m)), Map.of("pm25", pm25)));
        }
        AlertEngine before = new AlertEngine(REGISTRY, AlertRulesConfig.defaults());
        Map<String, AlertEvent> lastEvents = new LinkedHashMap<>();
        for (Reading r : readings) {
            record(before.onReading(S01, r, r.ts().plusSeconds(3)), lastEvents);
        }
        record(before.onTick(NOW), lastEvents);
        assertTrue(lastEvents.values().stream().anyMatch(e -> e.state() == AlertState.RESOLVED),
                "the test needs an episode that ended: " + lastEvents.values());

        PointMapper mapper = new PointMapper();
        PointReader influx = query -> {
            if (query.startsWith("SELECT * FROM " + AlertRows.ALERT)) {
                return lastEvents.values().stream().map(e -> row(AlertRows.alert(e))).toList();
            }
            if (query.startsWith("SELECT * FROM \"air\"")) {
                return readings.stream().map(r -> row(mapper.reading(S01, r))).toList();
            }
            return List.of();
        };
        AlertEngine after = new AlertEngine(REGISTRY, AlertRulesConfig.defaults());
        AlertVerticle restarted = new AlertVerticle(after, new AlertStateRestorer(influx, REGISTRY),
                new AlertBoard(after::bureauOnly),
                new AlertOutlet(vertx.getOrCreateContext(), sink(), (topic, payload) -> {
                    published.add(topic + " " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
                    return Future.succeededFuture();
                }, event -> { }, vertx.eventBus(), "env", after::bureauOnly, new SimpleMeterRegistry()),
                Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
        vertx.deployVerticle(restarted, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();

        // whatever the restore hands out goes out at start; a second's grace for the outlet's hop
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertEquals(List.of(), published.stream().filter(p -> p.contains("\"state\":\"open\"")).toList(),
                "no second open of the ended episode");
        assertEquals(List.of(), published, "nothing handed out again: the episode's end is known as it was");
    }

    private static void record(EngineOutput out, Map<String, AlertEvent> last) {
        out.events().forEach(e -> last.put(e.id(), e));
    }

    static ReadingSink sink() {
        return new ReadingSink() {
            @Override
            public Future<WriteOutcome> write(List<StorePoint> points) {
                return Future.succeededFuture(WriteOutcome.ALL_STORED);
            }

            @Override
            public Future<Void> flushAndClose() {
                return Future.succeededFuture();
            }
        };
    }

    static QueryRow row(StorePoint p) {
        Map<String, String> values = new LinkedHashMap<>();
        p.fields().forEach((k, v) -> values.put(k, String.valueOf(v)));
        return new QueryRow(p.measurement(), p.tags(), p.time(), values);
    }
}
