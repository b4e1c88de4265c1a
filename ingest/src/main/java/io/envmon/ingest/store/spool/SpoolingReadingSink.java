package io.envmon.ingest.store.spool;

import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.SpoolMetrics;
import io.envmon.ingest.store.LineBatch;
import io.envmon.ingest.store.LineSink;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.Backoff;
import io.envmon.model.Backoff.Jitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReadingSink} in front of InfluxDB's that answers from a durable local spool when InfluxDB does not
 * (docs/adr/0007-durable-spool.md):
 * <ul>
 *   <li><b>Direct</b> (the spool is empty): writes go to the delegate. One not confirmed within
 *   {@code ENVMON_SPOOL_AFTER} switches to spooling: it and every other write in flight are appended to the
 *   {@link SegmentLog}, forced to disk, and only then confirmed (so the message is acknowledged with its readings
 *   safe on disk). The delegate keeps retrying those few; a second copy written later is the same point.</li>
 *   <li><b>Spooling</b>: every write is appended (group commit: the writes that arrive during one fsync share the
 *   next). Meanwhile the spool drains, oldest first, one chunk at a time through the delegate, which retries until
 *   InfluxDB takes it; a chunk is marked consumed only once written. Empty again, writes go direct.</li>
 *   <li><b>Full</b> ({@code ENVMON_SPOOL_MAX_BYTES}): writes wait (unconfirmed, so their messages stay
 *   unacknowledged and the broker holds the rest) until the drain makes room. Nothing is dropped.</li>
 * </ul>
 * A spool left by a previous run is drained first: new writes queue behind it. Points InfluxDB refuses as data
 * while draining (their messages were acknowledged long ago) are logged, counted and kept in {@code refused.lp}.
 *
 * <p>Not thread-safe: use it from the context that created it (the ingest context); file I/O runs on the
 * spool's own single worker thread, so appends, reads and consumption never overlap.
 */
public final class SpoolingReadingSink implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingReadingSink.class);
    /** Writes appended with one fsync, at most. */
    private static final int GROUP_MAX = 1000;
    private static final Backoff RETRY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Jitter.TWENTY_PERCENT);

    private enum Mode { DIRECT, SPOOLING }

    /** A write given to the delegate; {@code spooled} once its caller has been answered from the spool. */
    private static final class Direct {
        final List<StorePoint> points;
        final Promise<WriteOutcome> promise = Promise.promise();
        final long started = System.nanoTime();
        boolean spooled;

        Direct(List<StorePoint> points) {
            this.points = points;
        }
    }

    /** A write waiting for its turn to be appended (its line protocol made on the worker, once). */
    private static final class Append {
        final List<StorePoint> points;
        final Promise<WriteOutcome> promise;
        byte[] encoded;

        Append(List<StorePoint> points, Promise<WriteOutcome> promise) {
            this.points = points;
            this.promise = promise;
        }
    }

    private final Vertx vertx;
    private final ReadingSink delegate;
    private final SegmentLog log;
    private final Path dir;
    private final SpoolDrain drainer;
    private final long maxBytes;
    private final Duration after;
    private final SpoolMetrics metrics;
    private final ComponentHealth health;
    private final WorkerExecutor worker;
    private final long overdueTimer;

    private Mode mode = Mode.DIRECT;
    private final LinkedHashSet<Direct> direct = new LinkedHashSet<>();
    private final Deque<Append> queue = new ArrayDeque<>();
    private boolean appending;
    private boolean draining;
    private volatile boolean full;
    private String appendProblem;
    private int appendFailures;
    /** Delegate writes still being retried whose callers were answered from the spool. */
    private int abandoned;
    private boolean closing;
    private volatile boolean logClosed;
    private final Promise<Void> quiet = Promise.promise();

    /**
     * @param delegate the InfluxDB sink, which direct writes go to
     * @param drainTo  the same sink, which the spooled line protocol drains to
     * @param dir      the spool folder (for {@code refused.lp})
     * @param after how long a direct write may go unconfirmed before writes are spooled
     */
    public SpoolingReadingSink(Vertx vertx, ReadingSink delegate, LineSink drainTo, SegmentLog log, Path dir,
                               long maxBytes,
                               Duration after, SpoolMetrics metrics, ComponentHealth health) {
        this.vertx = vertx;
        this.delegate = delegate;
        this.log = log;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.after = after;
        this.metrics = metrics;
        this.health = health;
        // one thread: the log is not thread-safe, and an fsync must not hold up the shared worker pool
        this.worker = vertx.createSharedWorkerExecutor("envmon-spool-" + System.identityHashCode(this), 1);
        // one timer for all direct writes (not one each): the oldest in flight is the first of the set
        this.drainer = new SpoolDrain(worker, log, drainTo, dir.resolve("refused.lp"), metrics);
        this.overdueTimer = vertx.setPeriodic(Math.max(10, Math.min(after.toMillis() / 4, 250)), id -> spoolIfOverdue());
        if (!log.isEmpty()) {
            mode = Mode.SPOOLING;
            LOG.info("spool: draining {} records ({} bytes) left from the last run before new writes", log.records(),
                    log.bytes());
            drain();
        }
        updateHealth();
    }

    public boolean isFull() {
        return full;
    }

    @Override
    public Future<WriteOutcome> write(List<StorePoint> points) {
        if (closing) {
            return Future.failedFuture(new IllegalStateException("sink is closed"));
        }
        if (points.isEmpty()) {
            return Future.succeededFuture(WriteOutcome.ALL_STORED);
        }
        if (mode == Mode.SPOOLING) {
            return enqueue(points);
        }
        Direct d = new Direct(points);
        direct.add(d);
        delegate.write(points).onComplete(ar -> {
            if (d.spooled) {
                abandoned--;
                checkQuiet();
                return;
            }
            direct.remove(d);
            d.promise.handle(ar);
            checkQuiet();
        });
        return d.promise.future();
    }

    @Override
    public Future<Void> flushAndClose() {
        closing = true;
        if (full) {
            // the drain has stopped, so no room will come: these messages stay unacknowledged for the next start
            LOG.warn("spool full at shutdown: {} write(s) not taken; their messages stay in the broker", queue.size());
            while (!queue.isEmpty()) {
                queue.poll().promise.fail(new IllegalStateException("spool full and sink closing"));
            }
        }
        checkQuiet();
        return quiet.future()
                .compose(v -> {
                    Future<Void> closed = delegate.flushAndClose();
                    if (abandoned > 0 || draining) {
                        // those points are in the spool: the next start drains them; waiting would outlast the outage
                        LOG.info("spool: not waiting for InfluxDB to take {} write(s) the spool already holds",
                                abandoned + (draining ? 1 : 0));
                        return Future.succeededFuture();
                    }
                    return closed;
                })
                .eventually(() -> {
                    vertx.cancelTimer(overdueTimer);
                    return worker.executeBlocking(() -> {
                        logClosed = true;
                        drainer.close();
                        log.close();
                        return null;
                    });
                })
                .eventually(() -> worker.close())
                .onSuccess(v -> LOG.info("spool closed: {} records ({} bytes) kept for the next start", log.records(),
                        log.bytes()));
    }

    private void spoolIfOverdue() {
        if (!direct.isEmpty() && System.nanoTime() - direct.iterator().next().started >= after.toNanos()) {
            spoolDirectWrites("InfluxDB has not confirmed a write for " + after.toMillis() + " ms");
        }
    }

    private void spoolDirectWrites(String why) {
        if (mode == Mode.DIRECT) {
            LOG.warn("spooling: {}; writes go to the spool ({}), are acknowledged once on disk and drained to "
                    + "InfluxDB in order when it takes writes again", why, dir);
        }
        mode = Mode.SPOOLING;
        for (Direct d : direct) {
            d.spooled = true;
            abandoned++;
            queue.add(new Append(d.points, d.promise));
        }
        direct.clear();
        pump();
        drain();
        updateHealth();
    }

    private Future<WriteOutcome> enqueue(List<StorePoint> points) {
        Promise<WriteOutcome> promise = Promise.promise();
        queue.add(new Append(points, promise));
        pump();
        return promise.future();
    }

    /** Appends the queued writes, one group per fsync, as far as the spool has room. */
    private void pump() {
        if (appending || queue.isEmpty() || logClosed) {
            return;
        }
        List<Append> group = new ArrayList<>();
        while (!queue.isEmpty() && group.size() < GROUP_MAX) {
            group.add(queue.poll());
        }
        appending = true;
        long started = System.nanoTime();
        worker.executeBlocking(() -> appendFitting(group), true).onComplete(ar -> {
            appending = false;
            if (ar.succeeded()) {
                appended(group, ar.result(), Duration.ofNanos(System.nanoTime() - started));
            } else {
                appendFailed(group, ar.cause());
            }
            updateHealth();
            checkQuiet();
        });
    }

    /** On the worker: encodes, then appends the longest prefix that fits. @return how many were appended */
    private int appendFitting(List<Append> group) throws IOException {
        List<byte[]> fit = new ArrayList<>();
        long used = log.bytes();
        for (Append a : group) {
            if (a.encoded == null) {
                a.encoded = SpoolRecord.encode(LineBatch.of(a.points));
            }
            long cost = SegmentLog.cost(a.encoded);
            // an empty spool takes one write whatever its size, so that no write can wait for ever
            if ((log.records() > 0 || !fit.isEmpty()) && used + cost > maxBytes) {
                break;
            }
            fit.add(a.encoded);
            used += cost;
        }
        log.append(fit);
        return fit.size();
    }

    private void appended(List<Append> group, int count, Duration took) {
        if (appendProblem != null) {
            LOG.info("spool: writing to {} works again", dir);
        }
        appendProblem = null;
        appendFailures = 0;
        int points = 0;
        for (int i = 0; i < count; i++) {
            Append a = group.get(i);
            points += a.points.size();
            a.encoded = null;
            a.promise.complete(WriteOutcome.ALL_STORED);
        }
        metrics.appended(count, points, took);
        requeue(group.subList(count, group.size()));
        if (count < group.size()) {
            setFull(true);
        } else {
            setFull(false);
            pump();
        }
        drain();
    }

    private void appendFailed(List<Append> group, Throwable cause) {
        requeue(group);
        appendFailures++;
        appendProblem = cause.getMessage();
        if (appendFailures == 1 || appendFailures % 10 == 0) {
            LOG.error("spool: cannot write to {} (attempt {}): {}; the writes wait, unacknowledged",
                    dir, appendFailures, cause.toString());
        }
        if (log.isEmpty() && !draining) {
            // nothing spooled to keep in order: hand the waiting writes to InfluxDB as if there were no spool
            LOG.warn("spool: {} write(s) go straight to InfluxDB instead (acknowledged once stored there)", queue.size());
            mode = Mode.DIRECT;
            while (!queue.isEmpty()) {
                Append a = queue.poll();
                delegate.write(a.points).onComplete(a.promise);
            }
            return;
        }
        Duration delay = RETRY.delay(appendFailures - 1, ThreadLocalRandom.current().nextDouble());
        vertx.setTimer(delay.toMillis(), id -> pump());
    }

    /** Puts writes back at the front of the queue, in their order. */
    private void requeue(List<Append> rest) {
        for (int i = rest.size() - 1; i >= 0; i--) {
            queue.addFirst(rest.get(i));
        }
    }

    private void setFull(boolean now) {
        if (now && !full) {
            metrics.filled();
            LOG.error("spool full: {} bytes of ENVMON_SPOOL_MAX_BYTES {}; messages are no longer acknowledged and "
                    + "wait in the broker until InfluxDB takes writes again", log.bytes(), maxBytes);
        } else if (!now && full) {
            LOG.info("spool has room again ({} of {} bytes): acknowledging again", log.bytes(), maxBytes);
        }
        full = now;
    }

    /** Drains one chunk (oldest first) through the delegate, then the next, until the spool is empty. */
    private void drain() {
        if (draining || closing || logClosed) {
            return;
        }
        if (log.isEmpty()) {
            if (mode == Mode.SPOOLING && queue.isEmpty() && !appending) {
                mode = Mode.DIRECT;
                LOG.info("spool drained: writes go straight to InfluxDB again");
            }
            updateHealth();
            return;
        }
        draining = true;
        drainer.next().onComplete(ar -> {
                    draining = false;
                    if (ar.failed()) {
                        if (!closing) {
                            LOG.error("spool: draining failed, retrying in 1 s: {}", ar.cause().toString());
                            vertx.setTimer(1000, id -> drain());
                        }
                    } else {
                        metrics.drained(ar.result().records(), ar.result().points());
                        pump();
                        drain();
                    }
                    updateHealth();
                    checkQuiet();
                });
    }

    private void updateHealth() {
        long records = log.records();
        if (appendProblem != null) {
            health.down("cannot write to the spool: " + appendProblem);
        } else if (full) {
            health.degraded("full: " + records + " records (" + log.bytes() + " of " + maxBytes
                    + " bytes); messages wait in the broker");
        } else if (records > 0 || mode == Mode.SPOOLING) {
            health.degraded(records + " records (" + log.bytes() + " bytes) waiting for InfluxDB");
        } else {
            health.up("empty");
        }
    }

    /** Completes the close once nothing is being written to the spool or waits for it. */
    private void checkQuiet() {
        if (closing && direct.isEmpty() && queue.isEmpty() && !appending) {
            quiet.tryComplete();
        }
    }
}
