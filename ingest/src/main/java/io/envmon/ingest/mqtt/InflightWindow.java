package io.envmon.ingest.mqtt;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The messages the service holds unacknowledged, bounded by count (the Receive Maximum, which a broker draining a
 * backlog may overrun) and by payload bytes (so a window of large, batched messages cannot exhaust the heap).
 * One thread takes (Paho's callback thread, which blocks and so stops reading the socket); any thread gives back.
 * See docs/operations.md, "The in-flight window".
 */
final class InflightWindow {

    private static final long POLL_MILLIS = 200;

    private final int maxMessages;
    private final int maxBytes;
    private final Semaphore messages;
    private final Semaphore bytes;
    private final AtomicLong messagesHighWater = new AtomicLong();
    private final AtomicLong bytesHighWater = new AtomicLong();

    InflightWindow(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE);
        this.messages = new Semaphore(maxMessages);
        this.bytes = new Semaphore(this.maxBytes);
    }

    /**
     * Waits until a message of {@code payloadBytes} fits, polling {@code stillWanted} while it waits.
     *
     * @return false, having taken nothing, when {@code stillWanted} turned false or the thread was interrupted
     */
    boolean take(int payloadBytes, BooleanSupplier stillWanted) {
        if (!acquire(messages, 1, stillWanted)) {
            return false;
        }
        if (!acquire(bytes, cost(payloadBytes), stillWanted)) {
            messages.release();
            return false;
        }
        messagesHighWater.accumulateAndGet(maxMessages - messages.availablePermits(), Math::max);
        bytesHighWater.accumulateAndGet(maxBytes - bytes.availablePermits(), Math::max);
        return true;
    }

    /** Gives back what {@link #take} took for a message of {@code payloadBytes}; exactly once per message taken. */
    void give(int payloadBytes) {
        bytes.release(cost(payloadBytes));
        messages.release();
    }

    long messagesHighWater() {
        return messagesHighWater.get();
    }

    long bytesHighWater() {
        return bytesHighWater.get();
    }

    /** A payload larger than the whole budget takes all of it: it waits for an empty window rather than forever. */
    private int cost(int payloadBytes) {
        return Math.min(payloadBytes, maxBytes);
    }

    private static boolean acquire(Semaphore semaphore, int permits, BooleanSupplier stillWanted) {
        try {
            while (!semaphore.tryAcquire(permits, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!stillWanted.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
