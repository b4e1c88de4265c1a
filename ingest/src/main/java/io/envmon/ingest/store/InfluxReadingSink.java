package io.envmon.ingest.store;

import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.model.Backoff;
import io.envmon.model.Backoff.Jitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches points by size and time and writes one batch at a time on a worker; while a batch is being written
 * (or retried) the next one fills, so batches grow with load. Transient failures are retried with
 * exponential backoff for as long as it takes: meanwhile callers do not acknowledge their messages, the
 * broker's in-flight window fills and the broker holds the backlog (bounded memory, nothing lost). Points
 * the database refuses as data are isolated by bisection and reported in the {@link WriteOutcome}.
 *
 * <p>Not thread-safe: use it from the context of the verticle that created it.
 */
public final class InfluxReadingSink implements ReadingSink, LineSink {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxReadingSink.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);

    private record Pending(List<StorePoint> points, Promise<WriteOutcome> promise) {
    }

    /** A failure that retrying the same points cannot fix. */
    private static final class NotRetriable extends RuntimeException {
        private final WriteError error;

        NotRetriable(WriteError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    private final Vertx vertx;
    private final PointWriter writer;
    private final int batchSize;
    private final Duration flushInterval;
    private final Backoff backoff;
    private final IngestMetrics metrics;
    private final ComponentHealth health;

    private List<Pending> next = new ArrayList<>();
    private int nextSize;
    /** Batches being written (up to {@link #maxWrites} at once: InfluxDB's latency, not its capacity, is the limit). */
    private int writing;
    /**
     * The point keys (measurement, tags, time) of each batch being written, sorted. A batch with a point being
     * written already waits for that write: two writes of one point at the same time may be applied by InfluxDB in
     * either order, and a corrected reading or an hour rated again would lose to its older value.
     */
    private final List<long[]> inFlightKeys = new ArrayList<>();
    /** The next batch waits for a write in flight (a point in both); only that write's completion flushes it. */
    private boolean waitingForInFlight;
    private final int maxWrites;
    private long timerId = -1;
    private boolean closing;
    private final Promise<Void> drained = Promise.promise();

    public InfluxReadingSink(Vertx vertx, PointWriter writer, int batchSize, Duration flushInterval,
                             Duration maxRetryDelay, IngestMetrics metrics, ComponentHealth health) {
        this(vertx, writer, batchSize, flushInterval, maxRetryDelay, metrics, health, 1);
    }

    /** @param maxWrites batches written at the same time, at most (each retried on its own) */
    public InfluxReadingSink(Vertx vertx, PointWriter writer, int batchSize, Duration flushInterval,
                             Duration maxRetryDelay, IngestMetrics metrics, ComponentHealth health, int maxWrites) {
        if (maxWrites < 1) {
            throw new IllegalArgumentException("maxWrites must be >= 1, not " + maxWrites);
        }
        this.maxWrites = maxWrites;
        this.vertx = vertx;
        this.writer = writer;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.backoff = new Backoff(FIRST_RETRY, maxRetryDelay, Jitter.TWENTY_PERCENT);
        this.metrics = metrics;
        this.health = health;
    }

    @Override
    public Future<WriteOutcome> write(List<StorePoint> points) {
        if (closing) {
            return Future.failedFuture(new IllegalStateException("sink is closed"));
        }
        if (points.isEmpty()) {
            return Future.succeededFuture(WriteOutcome.ALL_STORED);
        }
        Promise<WriteOutcome> promise = Promise.promise();
        next.add(new Pending(points, promise));
        nextSize += points.size();
        if (writing < maxWrites && !waitingForInFlight) {
            if (nextSize >= batchSize) {
                flush();
            } else if (timerId < 0) {
                timerId = vertx.setTimer(flushInterval.toMillis(), id -> {
                    timerId = -1;
                    flush();
                });
            }
        }
        return promise.future();
    }

    /**
     * Writes the lines as one batch, outside the batching of points (the spool's drain hands over whole chunks),
     * retried the same way; lines refused as data are isolated by halving the batch.
     */
    @Override
    public Future<List<RefusedLine>> writeLines(LineBatch lines) {
        if (closing) {
            return Future.failedFuture(new IllegalStateException("sink is closed"));
        }
        List<RefusedLine> refused = new ArrayList<>();
        return writeIsolating(lines, refused).map(v -> refused);
    }

    private Future<Void> writeIsolating(LineBatch lines, List<RefusedLine> refused) {
        if (lines.isEmpty()) {
            return Future.succeededFuture();
        }
        return writeRetrying(lines.lines(), () -> writer.writeLines(lines), 0).recover(failure -> {
            if (lines.lines() > 1) {
                List<LineBatch> halves = lines.halves();
                return writeIsolating(halves.get(0), refused).compose(v -> writeIsolating(halves.get(1), refused));
            }
            String why = failure instanceof NotRetriable nr ? nr.error.message() : String.valueOf(failure);
            boolean nanos = lines.millis().isEmpty();
            refused.add(new RefusedLine(nanos ? lines.nanos() : lines.millis(), nanos, why));
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> flushAndClose() {
        closing = true;
        if (writing == 0) {
            flush();
        }
        return drained.future();
    }

    private void flush() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        if (writing >= maxWrites) {
            return;
        }
        if (next.isEmpty()) {
            if (closing && writing == 0) {
                drained.tryComplete();
            }
            return;
        }
        long[] keys = keys(next);
        if (overlapsInFlight(keys)) {
            waitingForInFlight = true; // the write in flight flushes again when it completes
            return;
        }
        List<Pending> batch = next;
        next = new ArrayList<>();
        nextSize = 0;
        writing++;
        inFlightKeys.add(keys);
        writeBatch(batch).onComplete(ar -> {
            writing--;
            inFlightKeys.remove(keys);
            boolean waited = waitingForInFlight;
            waitingForInFlight = false;
            if (!next.isEmpty() && (closing || nextSize >= batchSize || waited)) {
                flush();
            } else if (!next.isEmpty() && timerId < 0) {
                timerId = vertx.setTimer(flushInterval.toMillis(), id -> {
                    timerId = -1;
                    flush();
                });
            } else if (closing && next.isEmpty() && writing == 0) {
                drained.tryComplete();
            }
        });
    }

    private static long[] keys(List<Pending> batch) {
        int n = 0;
        for (Pending p : batch) {
            n += p.points().size();
        }
        long[] keys = new long[n];
        int i = 0;
        for (Pending p : batch) {
            for (StorePoint point : p.points()) {
                keys[i++] = key(point);
            }
        }
        Arrays.sort(keys);
        return keys;
    }

    /** Equal for the same point; two points sharing a key by chance only wait for each other, which is harmless. */
    private static long key(StorePoint p) {
        long h = 31L * p.measurement().hashCode() + p.tags().hashCode();
        return h * 0x9E3779B97F4A7C15L + p.time();
    }

    private boolean overlapsInFlight(long[] keys) {
        for (long[] writing : inFlightKeys) {
            for (long k : keys) {
                if (Arrays.binarySearch(writing, k) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes the batch; on a data error, halves it until the bad message is alone, then goes point by point. */
    private Future<Void> writeBatch(List<Pending> batch) {
        List<StorePoint> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.points()));
        return writeRetrying(all.size(), () -> writer.write(all), 0)
                .<Void>map(v -> {
                    batch.forEach(p -> p.promise().complete(WriteOutcome.ALL_STORED));
                    return null;
                })
                .recover(failure -> {
                    if (batch.size() > 1) {
                        List<Pending> left = batch.subList(0, batch.size() / 2);
                        List<Pending> right = batch.subList(batch.size() / 2, batch.size());
                        return writeBatch(left).compose(v -> writeBatch(right));
                    }
                    return writeOneByOne(batch.get(0));
                });
    }

    private Future<Void> writeOneByOne(Pending pending) {
        Map<Integer, String> refused = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < pending.points().size(); i++) {
            int index = i;
            List<StorePoint> one = List.of(pending.points().get(index));
            chain = chain.compose(v -> writeRetrying(1, () -> writer.write(one), 0)
                    .recover(failure -> {
                        String why = failure instanceof NotRetriable nr ? nr.error.message() : String.valueOf(failure);
                        LOG.warn("InfluxDB refused a point [measurement: {}, tags: {}]: {}",
                                pending.points().get(index).measurement(), pending.points().get(index).tags(), why);
                        refused.put(index, why);
                        return Future.succeededFuture();
                    }));
        }
        return chain.map(v -> {
            pending.promise().complete(new WriteOutcome(refused));
            return null;
        });
    }

    /**
     * Runs the blocking write of {@code points} points on a worker until it succeeds; retries retriable errors
     * forever; fails with {@link NotRetriable} otherwise.
     */
    private Future<Void> writeRetrying(int points, Runnable write, int attempt) {
        long started = System.nanoTime();
        return vertx.<Void>executeBlocking(() -> {
                    write.run();
                    return null;
                }, false)
                .onSuccess(v -> {
                    metrics.batchWritten(points, Duration.ofNanos(System.nanoTime() - started));
                    if (attempt > 0 || !health.isUp()) {
                        LOG.info("InfluxDB writes succeed again after {} failed attempt(s)", attempt);
                    }
                    health.up("writes succeed");
                })
                .recover(failure -> {
                    WriteError error = WriteErrorClassifier.classify(failure);
                    metrics.writeFailed(error.kind().name().toLowerCase());
                    if (!error.retriable()) {
                        return Future.failedFuture(new NotRetriable(error));
                    }
                    Duration delay = backoff(attempt, error.retryAfter());
                    logRetry(error, attempt, delay, points);
                    if (error.kind() == WriteError.Kind.AUTH || error.kind() == WriteError.Kind.NOT_FOUND
                            || error.kind() == WriteError.Kind.TRANSIENT) {
                        health.down(error.message());
                    }
                    Promise<Void> retried = Promise.promise();
                    vertx.setTimer(Math.max(1, delay.toMillis()),
                            id -> writeRetrying(points, write, attempt + 1).onComplete(retried));
                    return retried.future();
                });
    }

    Duration backoff(int attempt, Duration retryAfter) {
        Duration delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
        // our own database's Retry-After wins even beyond ENVMON_INFLUX_MAX_RETRY_DELAY (docs/operations.md), unlike
        // a webhook receiver's, which Backoff caps
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private void logRetry(WriteError error, int attempt, Duration delay, int points) {
        boolean loud = error.kind() == WriteError.Kind.AUTH || error.kind() == WriteError.Kind.NOT_FOUND;
        if (attempt == 0 || attempt % 10 == 0) {
            String msg = "InfluxDB write of {} points failed ({}, attempt {}), retrying in {} ms; "
                    + "messages stay unacknowledged meanwhile: {}";
            if (loud) {
                LOG.error(msg, points, error.kind(), attempt + 1, delay.toMillis(), error.message());
            } else {
                LOG.warn(msg, points, error.kind(), attempt + 1, delay.toMillis(), error.message());
            }
        }
    }
}
