package io.envmon.ingest.alerts.webhook;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Keeps one channel within its {@link RateLimit}: remembers when its recent requests ended and says how long the next
 * one must wait. The end of a request (its answer) is counted, not its start: the platform saw the request before
 * the answer came back, so spacing answers by the window keeps what the platform counts within it whatever the
 * latency. Monotonic time ({@link System#nanoTime()}), not the wall clock. Confined to the channel's context.
 */
final class RateLimiter {

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> ends = new ArrayDeque<>();
    private final long longest;

    RateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.longest = limit.windows().stream().mapToLong(w -> w.per().toNanos()).max().orElse(0);
    }

    /** Nanoseconds to wait before the next request may start; 0 when it may start now. */
    long delayNanos() {
        if (limit.windows().isEmpty()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        trim(now);
        long delay = 0;
        for (RateLimit.Window w : limit.windows()) {
            long from = now - w.per().toNanos();
            int inWindow = 0;
            long oldestInWindow = 0;
            // newest first: the w.count()-th newest end inside the window is the one that must leave it
            for (Iterator<Long> it = ends.descendingIterator(); it.hasNext(); ) {
                long t = it.next();
                if (t - from <= 0) {
                    break;
                }
                inWindow++;
                if (inWindow == w.count()) {
                    oldestInWindow = t;
                    break;
                }
            }
            if (inWindow >= w.count()) {
                delay = Math.max(delay, oldestInWindow + w.per().toNanos() - now + 1);
            }
        }
        return delay;
    }

    /** A request just ended (answered, failed or timed out): it counts against the windows from now. */
    void ended() {
        if (limit.windows().isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        ends.addLast(now);
        trim(now);
    }

    private void trim(long now) {
        while (!ends.isEmpty() && now - ends.peekFirst() > longest) {
            ends.pollFirst();
        }
    }
}
