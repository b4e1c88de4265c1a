package io.envmon.simulator.run;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one run, updated by the runner and by acknowledgement callbacks, read by the progress line. */
public final class RunStats {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Instant> simulatedTime = new AtomicReference<>();

    /** Counts a message handed to the transport and, when it completes, its acknowledgement or failure. */
    void published(OutgoingMessage message, CompletableFuture<Void> outcome) {
        messages.incrementAndGet();
        readings.addAndGet(message.readings());
        simulatedTime.set(message.latest());
        outcome.whenComplete((ok, error) -> (error == null ? acknowledged : failed).incrementAndGet());
    }

    public Snapshot snapshot() {
        return new Snapshot(messages.get(), readings.get(), acknowledged.get(), failed.get(), simulatedTime.get());
    }

    /** @param simulatedTime the newest reading sent so far, or {@code null} before the first */
    public record Snapshot(long messages, long readings, long acknowledged, long failed, Instant simulatedTime) {
    }
}
