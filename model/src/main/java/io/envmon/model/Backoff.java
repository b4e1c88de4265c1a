package io.envmon.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before retrying: {@code initial × 2^retry}, capped at {@code max}, spread by {@link Jitter}, and
 * at least a server's {@code Retry-After} (itself capped at {@code max}). The one backoff of envmon: InfluxDB
 * writes, MQTT publications, webhooks, the simulator's reconnections. A pure value: the caller counts the retries
 * and supplies the random number.
 *
 * @param initial the wait before the first retry (before jitter)
 * @param max     no wait is longer, whatever the jitter
 */
public record Backoff(Duration initial, Duration max, Jitter jitter) {

    /** How the doubled delay is spread, so that many clients coming back do not all knock at once. */
    public enum Jitter {
        /** Exactly the doubled delay. */
        NONE,
        /** Between half and all of it ("equal jitter"). */
        EQUAL,
        /** Within ±20 % of it. */
        TWENTY_PERCENT
    }

    public Backoff {
        Objects.requireNonNull(jitter, "jitter");
        if (initial.toMillis() < 1 || max.toMillis() < 1) {
            throw new IllegalArgumentException("initial and max must be at least 1 ms");
        }
    }

    /**
     * The wait before retry number {@code retry + 1}: 0 after the first failure, 1 after the second, and so on.
     * At least 1 ms.
     *
     * @param random uniform in [0, 1); 1 gives the top of the jitter range
     */
    public Duration delay(int retry, double random) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        int shift = Math.min(Math.max(retry, 0), 62);
        long doubled = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        double r = Math.min(Math.max(random, 0), 1);
        long spread = switch (jitter) {
            case NONE -> doubled;
            case EQUAL -> doubled / 2 + (long) (doubled / 2.0 * r);
            case TWENTY_PERCENT -> Math.min(cap, (long) (doubled * (0.8 + 0.4 * r)));
        };
        return Duration.ofMillis(Math.max(spread, 1));
    }

    /**
     * As {@link #delay(int, double)}, but at least what the server asked for in {@code Retry-After} (capped at
     * {@code max}: a server cannot stall the caller longer than its own limit).
     *
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    public Duration delay(int retry, Duration retryAfter, double random) {
        Duration own = delay(retry, random);
        if (retryAfter == null || retryAfter.compareTo(own) <= 0) {
            return own;
        }
        return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
}
