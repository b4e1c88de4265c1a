package io.envmon.alerts.engine;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.Locale;

/** A reading the engine did not take in, and why (counted in {@link EngineStats#skipped()}). */
public record SkippedReading(MonitoredPoint point, Instant ts, Reason reason) {

    public enum Reason {
        /** Older than the point's retained window (its newest reading − {@code window.retainHours}). */
        TOO_OLD,
        /** The point is not in the engine's registry. */
        UNKNOWN_POINT;

        /** {@code too_old}, {@code unknown_point}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
