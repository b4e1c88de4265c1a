package io.envmon.simulator.run;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@code load} run aims at.
 *
 * @param rate     readings per second, summed over all connections
 * @param simStart timestamp of every point's first reading; reading {@code k} of a point is stamped
 *                 {@code simStart + k × interval}
 * @param duration wall-clock length, or {@code null}
 * @param readings total readings to send, or {@code null}; exactly one of duration and readings is set
 * @param warmUp   whole seconds sent at the rate before {@code duration} and left out of the achieved rate and
 *                 the steadiness figures (a new JVM, new connections and the broker take a moment to reach speed);
 *                 zero for a run of a count
 */
public record LoadTarget(double rate, Instant simStart, Duration interval, Duration duration, Long readings,
                         Duration warmUp) {

    public LoadTarget {
        if (!(rate > 0) || (duration == null) == (readings == null)) {
            throw new IllegalArgumentException("a positive rate and one of duration/readings are needed");
        }
        if (warmUp.isNegative() || warmUp.toNanos() % 1_000_000_000L != 0 || readings != null && !warmUp.isZero()) {
            throw new IllegalArgumentException("the warm-up is whole seconds, and only for a run of a duration");
        }
    }

    /** Without a warm-up. */
    public LoadTarget(double rate, Instant simStart, Duration interval, Duration duration, Long readings) {
        this(rate, simStart, interval, duration, readings, Duration.ZERO);
    }

    /** The wall-clock length of the whole run, warm-up included, or {@code null} for a run of a count. */
    Duration wallLength() {
        return duration == null ? null : warmUp.plus(duration);
    }

    /** The timestamp of tick {@code tick}. */
    Instant timestamp(long tick) {
        return simStart.plus(interval.multipliedBy(tick));
    }
}
