package io.envmon.ingest.alerts;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Stored readings handed to the alert engine and not yet evaluated, with a bound. Storage does not wait for the
 * engine, so after a burst (a broker draining a backlog in batches) the engine can fall far behind; unbounded, those
 * readings filled a 512 MiB heap replaying a month at full speed. Beyond {@code max}, the MQTT connection takes no
 * new message until the engine has caught up below it (docs/operations.md, "Memory"): intake slows, nothing is lost.
 */
public final class AlertBacklog {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long max;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();

    public AlertBacklog(long max) {
        this.max = max;
    }

    void added(int readings) {
        queued.addAndGet(readings);
    }

    void evaluated(int readings) {
        queued.addAndGet(-readings);
    }

    public long size() {
        return queued.get();
    }

    /** How many times intake waited for the engine since start (a metric). */
    public long waits() {
        return waits.get();
    }

    /**
     * Blocks the calling thread (the MQTT client's, never an event loop) while the backlog is at its bound.
     *
     * @return false when {@code stillWanted} turned false while waiting
     */
    public boolean awaitRoom(BooleanSupplier stillWanted) {
        if (queued.get() < max) {
            return true;
        }
        waits.incrementAndGet();
        while (queued.get() >= max) {
            if (!stillWanted.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
