package io.envmon.ingest.alerts;

import static io.envmon.ingest.alerts.AlertEvents.air;
import static io.envmon.ingest.alerts.AlertEvents.integrity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alert output's I/O, built without the engine or a started verticle, over in-memory ports. */
class AlertOutletTest {

    static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    final Vertx vertx = Vertx.vertx();
    final Context ingest = vertx.getOrCreateContext();
    final List<StorePoint> rows = new CopyOnWriteArrayList<>();
    final List<String> published = new CopyOnWriteArrayList<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<String> streamed = new CopyOnWriteArrayList<>();
    final List<Boolean> onIngestContext = new CopyOnWriteArrayList<>();
    boolean closed;

    final ReadingSink sink = new ReadingSink() {
        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            onIngestContext.add(Vertx.currentContext() == ingest);
            rows.addAll(points);
            return Future.succeededFuture(WriteOutcome.ALL_STORED);
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    };

    final AlertNotifier notifier = new AlertNotifier() {
        @Override
        public void deliver(AlertEvent event) {
            deliver(event, false);
        }

        @Override
        public void deliver(AlertEvent event, boolean bureauOnly) {
            delivered.add(event.id() + (bureauOnly ? " bureau" : " all"));
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    final AlertOutlet outlet = new AlertOutlet(ingest, sink, (topic, payload) -> {
        onIngestContext.add(Vertx.currentContext() == ingest);
        published.add(topic);
        return Future.succeededFuture();
    }, notifier, vertx.eventBus(), "env", e -> e.rule().startsWith("integrity"), new SimpleMeterRegistry());

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void eachEventIsStoredPublishedDeliveredAndStreamedOnTheIngestContext() {
        vertx.eventBus().<String>consumer(AlertOutlet.EVENTS_ADDRESS, m -> streamed.add(
                m.headers().get(AlertOutlet.AUDIENCE_HEADER)));
        AlertEvent open = air("a1", "S01", AlertState.OPEN, T0);
        AlertEvent forBureau = integrity("i1", "S02", T0);

        // from the test thread, as from the engine's context: the outlet hops onto the ingest context itself
        outlet.accept(new EngineOutput(List.of(open, forBureau), List.of(), List.of(), List.of()),
                AlertOutlet.NOT_FROM_A_READING);

        await().atMost(Duration.ofSeconds(5)).until(() -> streamed.size() == 2);
        assertEquals(List.of(AlertRows.alert(open), AlertRows.alert(forBureau)), rows);
        assertEquals(List.of("env/alerts/air/S01", "env/alerts/bureau/air/S02"), published);
        assertEquals(List.of("a1 all", "i1 bureau"), delivered);
        assertEquals(List.of(AlertOutlet.ALL, AlertOutlet.BUREAU), streamed);
        assertTrue(onIngestContext.stream().allMatch(b -> b), "sink and MQTT used on the ingest context only");
    }

    @Test
    void anEventsRowIsWrittenOnlyOnceTheBrokerAcknowledgedItsPublication() {
        Promise<Void> puback = Promise.promise();
        AlertOutlet held = new AlertOutlet(ingest, sink, (topic, payload) -> {
            published.add(topic);
            return puback.future();
        }, notifier, vertx.eventBus(), "env", e -> false, new SimpleMeterRegistry());
        AlertEvent open = air("a1", "S01", AlertState.OPEN, T0);

        Future<Void> handedOut = held.accept(new EngineOutput(List.of(open), List.of(), List.of(), List.of()),
                AlertOutlet.NOT_FROM_A_READING);
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        // killed now, a restart would find no row and hand the event out again, rather than never
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertEquals(List.of(), rows, "no row before the broker's acknowledgement");
        assertFalse(handedOut.isComplete());

        ingest.runOnContext(v -> puback.complete());
        await().atMost(Duration.ofSeconds(5)).until(() -> rows.size() == 1);
        assertEquals(List.of(AlertRows.alert(open)), rows);
        await().atMost(Duration.ofSeconds(5)).until(handedOut::succeeded);
    }

    @Test
    void closeStopsWebhookDelivery() {
        outlet.close();
        assertTrue(closed);
    }
}
