package io.envmon.alerts.lifecycle;

import java.time.Duration;

/**
 * Minimum duration and hysteresis of an alert key's lifecycle.
 *
 * @param raiseAfter consecutive raising observations needed to open an alert
 * @param clearAfter consecutive {@link Observation#CLEAR} observations needed to resolve it
 * @param maxGap     steps further apart than this are not consecutive (a missing hour breaks a run); {@code null}
 *                   for no limit
 */
public record MachineSettings(int raiseAfter, int clearAfter, Duration maxGap) {

    public MachineSettings {
        if (raiseAfter < 1 || clearAfter < 1) {
            throw new IllegalArgumentException("raiseAfter and clearAfter must be ≥ 1");
        }
    }

    /** Hourly steps: a missing hour breaks a run. */
    public static MachineSettings hourly(int raiseAfterHours, int clearAfterHours) {
        return new MachineSettings(raiseAfterHours, clearAfterHours, Duration.ofHours(1));
    }

    /** Per-reading rules, whose observations already carry their duration: open and resolve at once. */
    public static MachineSettings immediate() {
        return new MachineSettings(1, 1, null);
    }
}
