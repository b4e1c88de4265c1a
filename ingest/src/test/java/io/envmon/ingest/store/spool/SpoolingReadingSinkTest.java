package io.envmon.ingest.store.spool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.SpoolMetrics;
import io.envmon.ingest.store.LineBatch;
import io.envmon.ingest.store.LineProtocol;
import io.envmon.ingest.store.LineSink;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingReadingSinkTest {

    static final Duration AFTER = Duration.ofMillis(200);

    @TempDir
    Path dir;
    Vertx vertx;
    Context context;
    GatedSink influx;
    SegmentLog log;
    SpoolingReadingSink sink;
    ComponentHealth health;
    SimpleMeterRegistry registry;
    long recordsAtOpen;

    /**
     * InfluxDB as the spool sees it: answers at once while up; while down, holds every write until it is up. It keeps
     * the lines it took, whether made from points (direct writes) or drained as they are.
     */
    static final class GatedSink implements ReadingSink, LineSink {
        final List<String> stored = Collections.synchronizedList(new ArrayList<>());
        final List<Runnable> waiting = new ArrayList<>();
        volatile boolean up = true;
        volatile Predicate<String> refuse = line -> false;

        @Override
        public Future<WriteOutcome> write(List<StorePoint> points) {
            Promise<WriteOutcome> promise = Promise.promise();
            whenUp(() -> {
                Map<Integer, String> refused = new java.util.HashMap<>();
                for (int i = 0; i < points.size(); i++) {
                    String line = line(points.get(i));
                    if (refuse.test(line)) {
                        refused.put(i, "field type conflict");
                    } else {
                        stored.add(line);
                    }
                }
                promise.complete(new WriteOutcome(refused));
            });
            return promise.future();
        }

        @Override
        public Future<List<RefusedLine>> writeLines(LineBatch lines) {
            Promise<List<RefusedLine>> promise = Promise.promise();
            whenUp(() -> {
                List<RefusedLine> refused = new ArrayList<>();
                for (String line : lines.millis().split("\n")) {
                    if (refuse.test(line)) {
                        refused.add(new RefusedLine(line, false, "field type conflict"));
                    } else {
                        stored.add(line);
                    }
                }
                promise.complete(refused);
            });
            return promise.future();
        }

        private void whenUp(Runnable store) {
            if (up) {
                store.run();
            } else {
                waiting.add(store);
            }
        }

        /** On the sink's context. */
        void comeBack() {
            up = true;
            List<Runnable> all = new ArrayList<>(waiting);
            waiting.clear();
            all.forEach(Runnable::run);
        }

        @Override
        public Future<Void> flushAndClose() {
            return Future.succeededFuture();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        influx = new GatedSink();
        health = new ComponentHealth(true, "");
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() throws IOException {
        vertx.close().await();
        if (log != null) {
            log.close(); // a no-op error if the sink closed it
        }
    }

    void open(long maxBytes) throws IOException {
        log = SegmentLog.open(dir, 1 << 20);
        recordsAtOpen = log.records();
        SegmentLog opened = log;
        sink = onContext(() -> Future.succeededFuture(new SpoolingReadingSink(vertx, influx, influx, opened, dir,
                maxBytes,
                AFTER, new SpoolMetrics(registry, opened::records, opened::bytes, maxBytes, () -> false), health)))
                .join();
    }

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

    static StorePoint point(int n) {
        return StorePoint.millis("air", Map.of("station", "S01"), Map.of("pm25", (double) n), 1000L + n);
    }

    static String line(StorePoint p) {
        StringBuilder out = new StringBuilder();
        LineProtocol.append(out, p);
        return out.toString();
    }

    List<CompletableFuture<WriteOutcome>> write(int from, int to) {
        List<CompletableFuture<WriteOutcome>> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            int i = n;
            out.add(onContext(() -> sink.write(List.of(point(i)))));
        }
        return out;
    }

    /** The lines InfluxDB got, each once (a write answered from the spool may reach it twice: the same point). */
    List<String> distinctStored() {
        synchronized (influx.stored) {
            return new ArrayList<>(new LinkedHashSet<>(influx.stored));
        }
    }

    /** The lines of those points. */
    static List<String> points(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(line(point(n)));
        }
        return out;
    }

    double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void whileInfluxDbAnswersWritesGoStraightThroughAndNothingIsSpooled() throws IOException {
        open(1 << 20);
        write(0, 20).forEach(f -> assertEquals(WriteOutcome.ALL_STORED, f.join()));
        assertEquals(points(0, 20), influx.stored);
        assertTrue(log.isEmpty());
        assertEquals(0, counter("envmon.spool.appended.records"));
        assertEquals("UP", health.snapshot().status());
    }

    @Test
    void whileInfluxDbIsAwayWritesAreConfirmedFromTheSpoolThenDrainedInOrder() throws IOException {
        open(1 << 20);
        influx.up = false;
        List<CompletableFuture<WriteOutcome>> taken = write(0, 50);
        // confirmed without InfluxDB: on disk in the spool
        taken.forEach(f -> assertEquals(WriteOutcome.ALL_STORED, f.join()));
        assertEquals(50, log.records());
        assertEquals("DEGRADED", health.snapshot().status());
        write(50, 60).forEach(CompletableFuture::join);
        assertEquals(60, log.records());
        assertTrue(influx.stored.isEmpty());

        onContext(() -> {
            influx.comeBack();
            return Future.succeededFuture();
        }).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> log.isEmpty() && distinctStored().size() == 60);
        assertEquals(points(0, 60), distinctStored());
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health.snapshot().status()));
        // empty again: writes go straight to InfluxDB, not through the spool
        double appended = counter("envmon.spool.appended.records");
        write(60, 65).forEach(CompletableFuture::join);
        assertEquals(appended, counter("envmon.spool.appended.records"));
        assertTrue(distinctStored().containsAll(points(60, 65)));
        assertEquals(60, counter("envmon.spool.drained.records"));
    }

    /** Full, the spool stops confirming (the broker keeps the messages); nothing is dropped. */
    @Test
    void aFullSpoolStopsConfirmingAndTakesTheRestWhenTheDrainMakesRoom() throws IOException {
        int recordBytes = (int) SegmentLog.cost(SpoolRecord.encode(LineBatch.of(List.of(point(0)))));
        open(10L * recordBytes);
        influx.up = false;
        List<CompletableFuture<WriteOutcome>> taken = write(0, 25);
        await().atMost(Duration.ofSeconds(10)).until(sink::isFull);
        assertEquals(10, log.records());
        assertTrue(log.bytes() <= 10L * recordBytes);
        assertEquals(10, taken.stream().filter(CompletableFuture::isDone).count(), "only what fits is confirmed");
        assertTrue(health.snapshot().detail().startsWith("full"), health.snapshot().detail());
        assertEquals(1, counter("envmon.spool.fills"));

        onContext(() -> {
            influx.comeBack();
            return Future.succeededFuture();
        }).join();
        taken.forEach(f -> assertEquals(WriteOutcome.ALL_STORED, f.join()));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.isEmpty() && distinctStored().size() == 25);
        assertEquals(points(0, 25), distinctStored());
        assertFalse(sink.isFull());
    }

    /** A spool left by a run that was killed is drained before anything written after the restart. */
    @Test
    void whatThePreviousRunLeftIsDrainedFirst() throws IOException {
        open(1 << 20);
        influx.up = false;
        write(0, 30).forEach(CompletableFuture::join);
        // the process dies: nothing is closed, the spool folder stays as it is on disk
        log.close();
        vertx.close().await();

        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        influx = new GatedSink();
        open(1 << 20);
        assertEquals(30, recordsAtOpen);
        write(30, 40).forEach(CompletableFuture::join);
        await().atMost(Duration.ofSeconds(20)).until(() -> log.isEmpty() && distinctStored().size() == 40);
        assertEquals(points(0, 40), distinctStored(), "the old spool first, then what came after the restart");
    }

    @Test
    void aDrainedPointInfluxDbRefusesIsKeptAndCountedAndTheRestStored() throws IOException {
        open(1 << 20);
        influx.up = false;
        influx.refuse = line -> line.endsWith(" 1003");
        write(0, 10).forEach(CompletableFuture::join);
        onContext(() -> {
            influx.comeBack();
            return Future.succeededFuture();
        }).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> log.isEmpty() && distinctStored().size() == 9);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("refused.lp"))
                && Files.readString(dir.resolve("refused.lp")).contains("air,station=S01 pm25=3.0 1003"));
        assertTrue(Files.readString(dir.resolve("refused.lp")).contains("field type conflict"));
        assertEquals(1, counter("envmon.spool.refused.points"));
    }

    @Test
    void closingWithInfluxDbAwayKeepsTheSpoolForTheNextStartAndDoesNotWaitForInfluxDb() throws IOException {
        open(1 << 20);
        influx.up = false;
        write(0, 5).forEach(CompletableFuture::join);
        onContext(() -> sink.flushAndClose()).join();
        log = SegmentLog.open(dir, 1 << 20);
        assertEquals(5, log.records());
    }
}
