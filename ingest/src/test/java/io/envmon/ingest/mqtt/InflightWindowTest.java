package io.envmon.ingest.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InflightWindowTest {

    @Test
    void largeMessagesAreHeldBackByTheirBytesBeforeTheCountIsReached() {
        InflightWindow window = new InflightWindow(10_000, 1000);
        assertTrue(window.take(400, () -> true));
        assertTrue(window.take(400, () -> true));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> window.take(400, () -> true));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        window.give(400);
        await().atMost(Duration.ofSeconds(5)).until(third::isDone);
        assertTrue(third.join());
        assertEquals(800, window.bytesHighWater());
        assertEquals(2, window.messagesHighWater());
    }

    @Test
    void smallMessagesAreHeldBackByTheirCount() {
        InflightWindow window = new InflightWindow(2, 1 << 20);
        assertTrue(window.take(100, () -> true));
        assertTrue(window.take(100, () -> true));
        AtomicBoolean connected = new AtomicBoolean(true);
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> window.take(100, connected::get));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        connected.set(false);
        await().atMost(Duration.ofSeconds(5)).until(third::isDone);
        assertFalse(third.join(), "a message not taken when the connection drops");
        window.give(100);
        window.give(100);
        assertTrue(window.take(100, () -> true), "nothing leaked by the refused take");
        assertEquals(2, window.messagesHighWater());
    }

    @Test
    void aMessageLargerThanTheWholeBudgetWaitsForAnEmptyWindowNotForever() {
        InflightWindow window = new InflightWindow(10, 1000);
        assertTrue(window.take(10, () -> true));
        CompletableFuture<Boolean> huge = CompletableFuture.supplyAsync(() -> window.take(5000, () -> true));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !huge.isDone());
        window.give(10);
        await().atMost(Duration.ofSeconds(5)).until(huge::isDone);
        assertTrue(huge.join());
        window.give(5000);
        assertTrue(window.take(1000, () -> true), "the whole budget is back");
    }
}
