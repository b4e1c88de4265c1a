package io.envmon.simulator.run;

import java.time.Duration;
import java.time.Instant;

/**
 * When each reading is timestamped and when it is sent. Tick {@code k} of every point is timestamped
 * {@code simStart + k × interval}; within one interval the {@code n} points are spread evenly over the
 * interval's wall-clock length (slot {@code i} goes {@code i/n} of the way in), so the broker sees a steady
 * stream instead of 300 messages in the same millisecond.
 *
 * <p>The wall time of slot {@code i} of tick {@code k} is the later of
 * <ol>
 *   <li>the paced time: {@code wallStart + (k + i/n) × interval / speed}, and</li>
 *   <li>the real time of the reading: {@code ts + i/n × interval}.</li>
 * </ol>
 * The second bound caps the speed: a reading is never sent before its own timestamp, so simulated time
 * cannot run ahead of the wall clock whatever {@code --start} and {@code --speed} say; once caught up the run
 * continues in real time.
 */
public record PublishSchedule(Instant simStart, Instant wallStart, Duration interval, double speed, int points) {

    public PublishSchedule {
        if (interval.isZero() || interval.isNegative() || !(speed > 0) || points <= 0) {
            throw new IllegalArgumentException("interval and speed must be positive and there must be points");
        }
    }

    public Instant timestamp(long tick) {
        return simStart.plus(interval.multipliedBy(tick));
    }

    public Instant due(long tick, int slot) {
        double fraction = (double) slot / points;
        long intervalNanos = interval.toNanos();
        Instant paced = wallStart.plusNanos(Math.round((tick + fraction) * intervalNanos / speed));
        Instant realTime = timestamp(tick).plusNanos(Math.round(fraction * intervalNanos));
        return paced.isAfter(realTime) ? paced : realTime;
    }
}
