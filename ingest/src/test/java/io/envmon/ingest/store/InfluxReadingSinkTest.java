package io.envmon.ingest.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.IngestMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfluxReadingSinkTest {

    Vertx vertx;
    Context context;
    FakePointWriter writer;
    InfluxReadingSink sink;
    ComponentHealth health;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        writer = new FakePointWriter();
        health = new ComponentHealth(true, "no write yet");
        sink = new InfluxReadingSink(vertx, writer, 100, Duration.ofMillis(20), Duration.ofMillis(200),
                new IngestMetrics(), health);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    /** Runs on the sink's context, as the verticle would, and hands the result back to the test thread. */
    <T> CompletableFuture<T> onContext(Supplier<Future<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result;
    }

    static List<StorePoint> points(String station, int n) {
        List<StorePoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(StorePoint.millis("air", Map.of("station", station), Map.of("pm25", (double) i), 1000L + i));
        }
        return points;
    }

    /**
     * Five small writes taken in one turn of the context, before the flush timer can fire however slow the machine:
     * one batch of 15.
     */
    @Test
    void smallWritesAreBatchedByTime() {
        List<Future<WriteOutcome>> results = new ArrayList<>();
        onContext(() -> {
            for (int i = 0; i < 5; i++) {
                results.add(sink.write(points("A", 3)));
            }
            return Future.all(results);
        }).join();
        results.forEach(r -> assertEquals(WriteOutcome.ALL_STORED, r.result()));
        assertEquals(15, writer.stored.size());
        assertEquals(List.of(15), writer.batches.stream().map(List::size).toList(), "one batch for the five writes");
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheTimer() {
        assertEquals(WriteOutcome.ALL_STORED, onContext(() -> sink.write(points("A", 100))).join());
        assertEquals(1, writer.batches.size());
    }

    @Test
    void transientFailuresAreRetriedUntilStoredAndHealthReflectsThem() {
        writer.failuresLeft.set(3);
        CompletableFuture<WriteOutcome> result = onContext(() -> sink.write(points("A", 10)));
        await().atMost(Duration.ofSeconds(30)).until(result::isDone);
        assertEquals(WriteOutcome.ALL_STORED, result.join());
        assertEquals(10, writer.stored.size());
        assertEquals(4, writer.batches.size(), "three failed attempts and one success");
        assertTrue(health.isUp());
    }

    @Test
    void aPointRefusedAsDataIsIsolatedAndTheRestIsStored() {
        writer.refuse = p -> p.tags().get("station").equals("BAD") && ((Double) p.fields().get("pm25")) == 2.0;
        CompletableFuture<WriteOutcome> good1 = onContext(() -> sink.write(points("A", 4)));
        CompletableFuture<WriteOutcome> bad = onContext(() -> sink.write(points("BAD", 4)));
        CompletableFuture<WriteOutcome> good2 = onContext(() -> sink.write(points("C", 4)));
        assertEquals(WriteOutcome.ALL_STORED, good1.join());
        assertEquals(WriteOutcome.ALL_STORED, good2.join());
        assertEquals(List.of(2), bad.join().refusedIndexes());
        assertTrue(bad.join().refused().get(2).contains("field type conflict"));
        assertEquals(11, writer.stored.size());
    }

    /** The spool's drain: line protocol already made goes out as it is, one batch, retried like points. */
    @Test
    void linesAreWrittenAsTheyAreRetriedAndALineRefusedAsDataIsIsolated() {
        LineBatch lines = LineBatch.join(List.of(LineBatch.of(points("A", 5)), LineBatch.of(List.of(
                new StorePoint("rejected", Map.of("reason", "malformed"), Map.of("payload", "{\"x\":\n1}"), 7L, true)))));
        writer.failuresLeft.set(2);
        writer.refuseLine = line -> line.startsWith("air,station=A pm25=3.0 ");
        CompletableFuture<List<LineSink.RefusedLine>> result = onContext(() -> sink.writeLines(lines));
        await().atMost(Duration.ofSeconds(30)).until(result::isDone);
        assertEquals(1, result.join().size());
        assertEquals("air,station=A pm25=3.0 1003", result.join().get(0).line());
        assertTrue(result.join().get(0).reason().contains("field type conflict"), result.join().get(0).reason());
        assertEquals(List.of("air,station=A pm25=0.0 1000", "air,station=A pm25=1.0 1001",
                "air,station=A pm25=2.0 1002", "air,station=A pm25=4.0 1004",
                "rejected,reason=malformed payload=\"{\\\"x\\\":\n1}\" 7"), writer.storedLines);
        assertEquals(lines, writer.lineBatches.get(0), "sent as handed over");
        assertTrue(writer.batches.isEmpty(), "no point was made again");
    }

    @Test
    void closeFlushesWhatWasTaken() {
        AtomicReference<Future<WriteOutcome>> pending = new AtomicReference<>();
        onContext(() -> {
            pending.set(sink.write(points("A", 7)));
            return sink.flushAndClose();
        }).join();
        assertTrue(pending.get().succeeded());
        assertEquals(7, writer.stored.size());
    }

    @Test
    void withTwoWritesAllowedAFullBatchGoesOutWhileTheFirstIsStillBeingWritten() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        PointWriter slow = heldBack(points -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            waitFor(release);
            writer.write(points);
            concurrent.decrementAndGet();
        });
        InfluxReadingSink two = new InfluxReadingSink(vertx, slow, 100, Duration.ofMillis(20), Duration.ofMillis(200),
                new IngestMetrics(), health, 2);
        CompletableFuture<WriteOutcome> first = onContext(() -> two.write(points("A", 100)));
        CompletableFuture<WriteOutcome> second = onContext(() -> two.write(points("B", 100)));
        CompletableFuture<WriteOutcome> third = onContext(() -> two.write(points("C", 100)));
        await().atMost(Duration.ofSeconds(30)).until(() -> concurrent.get() == 2);
        release.countDown();
        assertEquals(WriteOutcome.ALL_STORED, first.join());
        assertEquals(WriteOutcome.ALL_STORED, second.join());
        assertEquals(WriteOutcome.ALL_STORED, third.join());
        assertEquals(2, most.get(), "two writes at once, never more");
        assertEquals(300, writer.stored.size());
    }

    /**
     * A point written again (a corrected reading, an hour's record rated again) while its first write is still in
     * flight waits for it: written at the same time, InfluxDB may apply the two in either order and keep the older.
     */
    @Test
    void aPointWrittenAgainWaitsForItsEarlierWriteSoTheNewerValueIsTheOneKept() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
        PointWriter slowFirst = heldBack(points -> {
            concurrent.incrementAndGet();
            if (points.get(0).tags().get("station").equals("A")) {
                waitFor(release);
            }
            writer.write(points);
            concurrent.decrementAndGet();
        });
        InfluxReadingSink two = new InfluxReadingSink(vertx, slowFirst, 100, Duration.ofMillis(20),
                Duration.ofMillis(200), new IngestMetrics(), health, 2);
        CompletableFuture<WriteOutcome> first = onContext(() -> two.write(points("A", 100)));
        await().atMost(Duration.ofSeconds(30)).until(() -> concurrent.get() == 1);
        List<StorePoint> again = new ArrayList<>(points("B", 99));
        again.add(StorePoint.millis("air", Map.of("station", "A"), Map.of("pm25", 999.0), 1050L));
        CompletableFuture<WriteOutcome> second = onContext(() -> two.write(again));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> concurrent.get() == 1);
        release.countDown();
        assertEquals(WriteOutcome.ALL_STORED, first.join());
        assertEquals(WriteOutcome.ALL_STORED, second.join());
        List<StorePoint> ofKey = writer.stored.stream()
                .filter(p -> p.time() == 1050L && "A".equals(p.tags().get("station"))).toList();
        assertEquals(999.0, ofKey.get(ofKey.size() - 1).fields().get("pm25"), "the newer value is written last");

        CompletableFuture<WriteOutcome> unrelated = onContext(() -> two.write(points("C", 100)));
        assertEquals(WriteOutcome.ALL_STORED, unrelated.join());
    }

    /** A writer of points only, doing {@code write} (which may wait on a latch the test releases). */
    static PointWriter heldBack(java.util.function.Consumer<List<StorePoint>> write) {
        return new PointWriter() {
            @Override
            public void write(List<StorePoint> points) {
                write.accept(points);
            }

            @Override
            public void writeLines(LineBatch lines) {
                throw new UnsupportedOperationException("points only here");
            }

            @Override
            public boolean ping() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    static void waitFor(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
