package io.envmon.simulator.run;

import java.time.Duration;
import java.time.Instant;

/**
 * Where simulated time starts when {@code --start} is not given. The service rejects readings more than five
 * minutes in the future, so simulated time must never overtake the wall clock; it should also not be
 * pointlessly old. The rule: choose the start so that the run <em>ends at the wall clock</em>.
 *
 * <ul>
 *   <li>A bounded run spans {@code S} of simulated time ({@code --duration × speed}, or {@code --count ×
 *       interval}) and lasts {@code S / speed} on the wall; starting at {@code now − S × (1 − 1/speed)} makes
 *       the last reading's time equal the wall-clock time at the end. At speed 1 that is simply "now".</li>
 *   <li>An unbounded run ({@code --speed} > 1 without --duration or --count) replays the last day the same way
 *       ({@code S} = 1 day) and, once caught up, continues in real time (see {@link PublishSchedule}).</li>
 *   <li>At speed ≤ 1 simulated time cannot overtake the wall clock, so the run starts now.</li>
 * </ul>
 * The start is rounded down to a whole interval, so readings carry aligned times (08:00:00, 08:01:00, …)
 * the way data loggers report them.
 */
public final class StartTimeRule {

    /** How much history an unbounded fast run replays before it reaches real time. */
    public static final Duration UNBOUNDED_REPLAY = Duration.ofDays(1);

    private StartTimeRule() {
    }

    /**
     * @param wallDuration {@code --duration}, or {@code null}
     * @param count        {@code --count}, or {@code null}
     */
    public static Instant defaultStart(Instant now, Duration interval, double speed, Duration wallDuration, Long count) {
        double spanSeconds;
        if (wallDuration != null) {
            spanSeconds = seconds(wallDuration) * speed;
        } else if (count != null) {
            spanSeconds = seconds(interval) * count;
        } else {
            spanSeconds = seconds(UNBOUNDED_REPLAY);
        }
        double backSeconds = speed <= 1 ? 0 : spanSeconds * (1 - 1 / speed);
        Instant start = now.minusMillis(Math.round(backSeconds * 1000));
        long intervalMillis = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), intervalMillis) * intervalMillis);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
