package io.envmon.simulator.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnection attempts of one connection: doubling from {@code min} up to {@code max}, each
 * drawn between half and all of that ("equal jitter"), so that a hundred devices losing the broker at once do
 * not all knock at the same instant when it returns. (Paho's own automatic reconnect keeps its delay in a static
 * field shared by every client of the process, which stalls many connections: one backoff per connection.)
 */
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private int attempts;

    ReconnectBackoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt. */
    synchronized long nextDelayMillis() {
        long ceiling = Math.min(maxMillis, minMillis << Math.min(attempts, 20));
        attempts++;
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** Connected again: the next loss starts from the shortest delay. */
    synchronized void reset() {
        attempts = 0;
    }
}
