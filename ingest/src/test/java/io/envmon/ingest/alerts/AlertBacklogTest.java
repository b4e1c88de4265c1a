package io.envmon.ingest.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Intake waits while the alert engine is too far behind storage, and goes on as soon as it has caught up. */
class AlertBacklogTest {

    @Test
    void intakeWaitsAtTheBoundAndGoesOnOnceTheEngineCatchesUp() {
        AlertBacklog backlog = new AlertBacklog(1000);
        backlog.added(999);
        assertTrue(backlog.awaitRoom(() -> true), "below the bound: no wait");
        backlog.added(50);
        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> backlog.awaitRoom(() -> true));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
        backlog.evaluated(100);
        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertTrue(next.join());
        assertEquals(949, backlog.size());
        assertEquals(1, backlog.waits());
    }

    @Test
    void aWaitEndsWithoutTakingWhenTheConnectionDrops() {
        AlertBacklog backlog = new AlertBacklog(1000);
        backlog.added(1000);
        AtomicBoolean connected = new AtomicBoolean(true);
        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> backlog.awaitRoom(connected::get));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
        connected.set(false);
        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertFalse(next.join());
    }
}
