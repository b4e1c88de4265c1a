package io.envmon.simulator.sink;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the sink has received, written by the MQTT callback thread and read by the per-second lines. */
public final class SinkCounts {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicReference<Instant> first = new AtomicReference<>();
    private final AtomicReference<Instant> last = new AtomicReference<>();

    /** @param messageReadings readings the payload carried, -1 when unreadable, 0 when not counted */
    public void arrived(int payloadBytes, int messageReadings, Instant at) {
        first.compareAndSet(null, at);
        last.set(at);
        bytes.addAndGet(payloadBytes);
        if (messageReadings < 0) {
            unreadable.incrementAndGet();
        } else {
            readings.addAndGet(messageReadings);
        }
        // counted last: a reader that sees the message also sees its bytes and readings
        messages.incrementAndGet();
    }

    public Snapshot snapshot() {
        long m = messages.get();
        return new Snapshot(m, bytes.get(), readings.get(), unreadable.get(), first.get(), last.get());
    }

    /** @param first arrival of the first message, {@code null} before it; {@code last} of the latest */
    public record Snapshot(long messages, long bytes, long readings, long unreadable, Instant first, Instant last) {
    }
}
