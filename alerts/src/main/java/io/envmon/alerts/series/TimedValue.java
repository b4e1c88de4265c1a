package io.envmon.alerts.series;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one parameter at an event time: a minute reading, or the start of an hour for an hourly mean.
 * Decoded at the edge from a {@code Reading}; the averaging helpers work on these.
 */
public record TimedValue(Instant ts, double value) {

    public TimedValue {
        Objects.requireNonNull(ts, "ts");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value at " + ts + " must be finite, not " + value);
        }
    }
}
